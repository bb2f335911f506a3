/** Favouriting and unfavouriting a status: the row, the counter and the `favourite` notification. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { notify } from "../notifications/notify";
import { publishFavourite, publishUnfavourite } from "../federation/interactions";

/** Favourites `s` (idempotent) and notifies its author, in one transaction; a remote author gets a Like. */
export function favouriteStatus(ctx: AppContext, accountId: number, s: StatusRow): void {
  ctx.db.transaction(() => {
    const id = ctx.ids.next();
    const ins = ctx.db.query("INSERT OR IGNORE INTO favourites (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)")
      .run(id, accountId, s.id, ctx.now());
    if (ins.changes === 0) return;
    publishFavourite(ctx, accountId, id, s);
    ctx.db.query("UPDATE statuses SET favourites_count = favourites_count + 1 WHERE id = ?").run(s.id);
    notify(ctx, { accountId: s.account_id, fromAccountId: accountId, type: "favourite", statusId: s.id });
  }).immediate();
}

/** Removes the favourite (if any), fixes the counter and withdraws its notification; a remote author gets Undo(Like). */
export function unfavouriteStatus(ctx: AppContext, accountId: number, statusId: number): void {
  ctx.db.transaction(() => {
    const fav = ctx.db.query<{ id: number }, [number, number]>("DELETE FROM favourites WHERE account_id = ? AND status_id = ? RETURNING id").get(accountId, statusId);
    if (!fav) return;
    const s = ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(statusId);
    if (s) publishUnfavourite(ctx, accountId, fav.id, s);
    ctx.db.query("UPDATE statuses SET favourites_count = max(favourites_count - 1, 0) WHERE id = ?").run(statusId);
    ctx.db.query("DELETE FROM notifications WHERE type = 'favourite' AND from_account_id = ? AND status_id = ?").run(accountId, statusId);
  }).immediate();
}

/** True when the account has favourited the status. */
export function hasFavourited(ctx: AppContext, accountId: number, statusId: number): boolean {
  return !!ctx.db.query("SELECT 1 FROM favourites WHERE account_id = ? AND status_id = ?").get(accountId, statusId);
}
