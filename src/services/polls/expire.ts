/** What happens when a poll ends: `poll` notifications for its author and local voters, and the final counts sent out. */
import type { AppContext } from "../../context";
import { listPollEndedNotifiedIds } from "../../db/queries/notifications";
import { listLocalVoterIds } from "../../db/queries/poll-votes";
import { getPoll } from "../../db/queries/polls";
import { getStatus } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { notify } from "../notifications/notify";
import { schedulePollUpdate } from "./distribute";

/**
 * Notifies the author and every local voter that poll `pollId` ended (each once), in one
 * transaction. Does nothing when the poll is gone, not yet over, or was reset to another
 * expiry than `expiresAt` (a newer job covers that one). Each notify() enqueues its stream event;
 * a local poll's closed Update(Question) is enqueued too.
 */
export function notifyPollExpired(ctx: AppContext, pollId: number, expiresAt?: number): number {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const poll = getPoll(db, pollId);
    if (!poll || poll.expires_at === null || poll.expires_at > ctx.now()) return 0;
    if (expiresAt !== undefined && poll.expires_at !== expiresAt) return 0;
    // Remote copies of a local poll learn it closed, with the final counts (as Mastodon's PollExpirationNotifyWorker).
    if (getStatus(db, poll.status_id)?.local) schedulePollUpdate(ctx, poll.status_id, 0);
    // Guards a retried job: accounts already told about this poll's end are skipped.
    const done = new Set(listPollEndedNotifiedIds(db, poll.status_id, poll.expires_at));
    const voters = listLocalVoterIds(db, poll.id);
    let n = 0;
    for (const accountId of [poll.account_id, ...voters.filter((v) => v !== poll.account_id)]) {
      if (done.has(accountId)) continue;
      if (notify(ctx, { accountId, fromAccountId: poll.account_id, type: "poll", statusId: poll.status_id }) !== null) n++;
    }
    return n;
  });
}
