/** Bookmarking and unbookmarking a status (private to the account, no side effects). */
import type { AppContext } from "../../context";
import { deleteBookmark, insertBookmark } from "../../db/queries/bookmarks";

/** Bookmarks the status (idempotent). */
export function bookmarkStatus(ctx: AppContext, accountId: number, statusId: number): void {
  insertBookmark(ctx.db, { id: ctx.ids.next(), account_id: accountId, status_id: statusId, created_at: ctx.now() });
}

/** Removes the bookmark; returns whether there was one. */
export function unbookmarkStatus(ctx: AppContext, accountId: number, statusId: number): boolean {
  return deleteBookmark(ctx.db, accountId, statusId);
}
