/** Private notes on other accounts (POST /api/v1/accounts/:id/note). */
import type { AppContext } from "../../context";
import { deleteAccountNote, upsertAccountNote } from "../../db/queries/account-notes";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";

/** Mastodon's AccountNote comment limit. */
export const NOTE_MAX = 2000;

/** Sets (or, with an empty comment, clears) the private note of `ownerId` on `target`. */
export function setAccountNote(ctx: AppContext, ownerId: number, target: AccountRow, comment: string): void {
  if (comment.length > NOTE_MAX) throw validation(`Comment is too long (maximum is ${NOTE_MAX} characters)`);
  transaction(ctx.db, () => {
    if (comment.trim() === "") deleteAccountNote(ctx.db, ownerId, target.id);
    else upsertAccountNote(ctx.db, ownerId, target.id, comment);
  });
}
