/** Favouriting and unfavouriting a status: the row, the counter and the `favourite` notification. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { notify } from "../notifications/notify";

/** Favourites `s` (idempotent) and notifies its author, in one transaction. */
export function favouriteStatus(ctx: AppContext, accountId: number, s: StatusRow): void {
  ctx.db.transaction(() => {
    const ins = ctx.db.query("INSERT OR IGNORE INTO favourites (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)")
      .run(ctx.ids.next(), accountId, s.id, ctx.now());
    if (ins.changes === 0) return;
    ctx.db.query("UPDATE statuses SET favourites_count = favourites_count + 1 WHERE id = ?").run(s.id);
    notify(ctx, { accountId: s.account_id, fromAccountId: accountId, type: "favourite", statusId: s.id });
  }).immediate();
}

/** Removes the favourite (if any), fixes the counter and withdraws its notification. */
export function unfavouriteStatus(ctx: AppContext, accountId: number, statusId: number): void {
  ctx.db.transaction(() => {
    const del = ctx.db.query("DELETE FROM favourites WHERE account_id = ? AND status_id = ?").run(accountId, statusId);
    if (del.changes === 0) return;
    ctx.db.query("UPDATE statuses SET favourites_count = max(favourites_count - 1, 0) WHERE id = ?").run(statusId);
    ctx.db.query("DELETE FROM notifications WHERE type = 'favourite' AND from_account_id = ? AND status_id = ?").run(accountId, statusId);
  }).immediate();
}

/** True when the account has favourited the status. */
export function hasFavourited(ctx: AppContext, accountId: number, statusId: number): boolean {
  return !!ctx.db.query("SELECT 1 FROM favourites WHERE account_id = ? AND status_id = ?").get(accountId, statusId);
}
