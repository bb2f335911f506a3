/**
 * Deleting a status (Mastodon's RemoveStatusService): removes it and its boosts, fixes the
 * counters and takes them out of home feeds, in one transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import { removeFromFeeds } from "../feeds";
import { publishStatusDelete } from "../federation/statuses";

/** Deletes status `s` (own status or own boost) with its boosts. Call inside a transaction. */
export function removeStatusRow(ctx: AppContext, s: StatusRow): void {
  const db = ctx.db;
  const boosts = db.query<{ id: number; account_id: number }, [number]>("SELECT id, account_id FROM statuses WHERE reblog_of_id = ?").all(s.id);
  for (const b of boosts) {
    removeFromFeeds(ctx, b.id);
    db.query("UPDATE accounts SET statuses_count = max(statuses_count - 1, 0) WHERE id = ?").run(b.account_id);
  }
  db.query("DELETE FROM statuses WHERE reblog_of_id = ?").run(s.id);
  removeFromFeeds(ctx, s.id);
  db.query("UPDATE accounts SET statuses_count = max(statuses_count - 1, 0) WHERE id = ?").run(s.account_id);
  if (s.reblog_of_id !== null) {
    db.query("UPDATE statuses SET reblogs_count = max(reblogs_count - 1, 0) WHERE id = ?").run(s.reblog_of_id);
    db.query("DELETE FROM notifications WHERE type = 'reblog' AND from_account_id = ? AND status_id = ?").run(s.account_id, s.reblog_of_id);
  } else if (s.in_reply_to_id !== null && (s.visibility === PUBLIC || s.visibility === UNLISTED)) {
    db.query("UPDATE statuses SET replies_count = max(replies_count - 1, 0) WHERE id = ?").run(s.in_reply_to_id);
  }
  db.query("DELETE FROM idempotency_keys WHERE status_id = ?").run(s.id);
  // media rows stay (status_id is set to NULL by the foreign key) so a redraft can reuse them
  db.query("DELETE FROM statuses WHERE id = ?").run(s.id);
}

/** Deletes the account's own status `s` and everything hanging off it, in one transaction; enqueues Delete to its remote audience. */
export function deleteStatus(ctx: AppContext, s: StatusRow): void {
  ctx.db.transaction(() => {
    publishStatusDelete(ctx, s);
    removeStatusRow(ctx, s);
  }).immediate();
}
