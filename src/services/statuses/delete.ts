/**
 * Deleting a status (Mastodon's RemoveStatusService): removes it and its boosts, fixes the
 * counters and takes them out of home feeds, in one transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { decrementAccountStatuses } from "../../db/queries/accounts";
import { deleteIdempotencyKeysOfStatus } from "../../db/queries/idempotency-keys";
import { deleteInteractionNotification } from "../../db/queries/notifications";
import { decrementStatusCounter, deleteReblogsOf, deleteStatusRow, listReblogsOf } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import { removeFromFeeds } from "../feeds";
import { publishStatusDelete } from "../federation/statuses";

/** Deletes status `s` (own status or own boost) with its boosts. Call inside a transaction. */
export function removeStatusRow(ctx: AppContext, s: StatusRow): void {
  const db = ctx.db;
  for (const b of listReblogsOf(db, s.id)) {
    removeFromFeeds(ctx, b.id);
    decrementAccountStatuses(db, b.account_id);
  }
  deleteReblogsOf(db, s.id);
  removeFromFeeds(ctx, s.id);
  decrementAccountStatuses(db, s.account_id);
  if (s.reblog_of_id !== null) {
    decrementStatusCounter(db, s.reblog_of_id, "reblogs_count");
    deleteInteractionNotification(db, "reblog", s.account_id, s.reblog_of_id);
  } else if (s.in_reply_to_id !== null && (s.visibility === PUBLIC || s.visibility === UNLISTED)) {
    decrementStatusCounter(db, s.in_reply_to_id, "replies_count");
  }
  deleteIdempotencyKeysOfStatus(db, s.id);
  // media rows stay (status_id is set to NULL by the foreign key) so a redraft can reuse them
  deleteStatusRow(db, s.id);
}

/** Deletes the account's own status `s` and everything hanging off it, in one transaction; enqueues Delete to its remote audience. */
export function deleteStatus(ctx: AppContext, s: StatusRow): void {
  transaction(ctx.db, () => {
    publishStatusDelete(ctx, s);
    removeStatusRow(ctx, s);
  });
}
