/** Bookmarking and unbookmarking a status (private to the account, no side effects). */
import type { AppContext } from "../../context";

/** Bookmarks the status (idempotent). */
export function bookmarkStatus(ctx: AppContext, accountId: number, statusId: number): void {
  ctx.db.query("INSERT OR IGNORE INTO bookmarks (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), accountId, statusId, ctx.now());
}

/** Removes the bookmark; returns whether there was one. */
export function unbookmarkStatus(ctx: AppContext, accountId: number, statusId: number): boolean {
  return ctx.db.query("DELETE FROM bookmarks WHERE account_id = ? AND status_id = ?").run(accountId, statusId).changes > 0;
}
