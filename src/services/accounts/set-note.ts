/** Private notes on other accounts (POST /api/v1/accounts/:id/note). */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { validation } from "../../model/errors";

/** Mastodon's AccountNote comment limit. */
export const NOTE_MAX = 2000;

/** Sets (or, with an empty comment, clears) the private note of `ownerId` on `target`. */
export function setAccountNote(ctx: AppContext, ownerId: number, target: AccountRow, comment: string): void {
  if (comment.length > NOTE_MAX) throw validation(`Comment is too long (maximum is ${NOTE_MAX} characters)`);
  ctx.db.transaction(() => {
    if (comment.trim() === "") {
      ctx.db.query("DELETE FROM account_notes WHERE account_id = ? AND target_account_id = ?").run(ownerId, target.id);
    } else {
      ctx.db
        .query("INSERT INTO account_notes (account_id, target_account_id, comment) VALUES (?, ?, ?) ON CONFLICT (account_id, target_account_id) DO UPDATE SET comment = excluded.comment")
        .run(ownerId, target.id, comment);
    }
  }).immediate();
}
