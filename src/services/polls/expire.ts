/** What happens when a poll ends: `poll` notifications for its author and local voters. */
import type { AppContext } from "../../context";
import type { PollRow } from "../../serializers/mastodon/poll";
import { notify } from "../notifications/notify";

/**
 * Notifies the author and every local voter that poll `pollId` ended (each once), in one
 * transaction. Does nothing when the poll is gone, not yet over, or was reset to another
 * expiry than `expiresAt` (a newer job covers that one). Each notify() enqueues its stream event.
 */
export function notifyPollExpired(ctx: AppContext, pollId: number, expiresAt?: number): number {
  return ctx.db.transaction(() => {
    const db = ctx.db;
    const poll = db.query<PollRow, [number]>("SELECT * FROM polls WHERE id = ?").get(pollId);
    if (!poll || poll.expires_at === null || poll.expires_at > ctx.now()) return 0;
    if (expiresAt !== undefined && poll.expires_at !== expiresAt) return 0;
    // Guards a retried job: accounts already told about this poll's end are skipped.
    const done = new Set(
      db.query<{ account_id: number }, [number, number]>("SELECT account_id FROM notifications WHERE type = 'poll' AND status_id = ? AND created_at >= ?")
        .all(poll.status_id, poll.expires_at).map((r) => r.account_id),
    );
    const voters = db
      .query<{ account_id: number }, [number]>(
        `SELECT DISTINCT v.account_id FROM poll_votes v JOIN accounts a ON a.id = v.account_id
         WHERE v.poll_id = ? AND a.domain IS NULL`,
      )
      .all(poll.id)
      .map((r) => r.account_id);
    let n = 0;
    for (const accountId of [poll.account_id, ...voters.filter((v) => v !== poll.account_id)]) {
      if (done.has(accountId)) continue;
      if (notify(ctx, { accountId, fromAccountId: poll.account_id, type: "poll", statusId: poll.status_id }) !== null) n++;
    }
    return n;
  }).immediate();
}
