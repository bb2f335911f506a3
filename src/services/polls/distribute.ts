/**
 * Sending a local poll's new counts to other servers, debounced as Mastodon's
 * DistributePollUpdateWorker: votes schedule one `poll.distribute_update` job per poll a few
 * minutes ahead, and every vote until it runs rides on that one Update(Question).
 */
import type { AppContext } from "../../context";
import { getStatus } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { publishPollUpdate } from "../federation/accounts";

/** How long votes are gathered before one Update(Question) goes out (Mastodon: 3 minutes). */
export const POLL_UPDATE_DELAY_MS = 3 * 60 * 1000;

/**
 * Schedules Update(Question) for local poll status `statusId` in `delayMs` unless one is already
 * waiting (then that one is kept, or brought forward). Call inside the writing transaction.
 */
export function schedulePollUpdate(ctx: AppContext, statusId: number, delayMs = POLL_UPDATE_DELAY_MS): void {
  ctx.jobs.enqueueUnique("poll.distribute_update", { statusId }, { runAt: ctx.now() + delayMs });
}

/**
 * Enqueues Update(Question) with the poll's current counts to the status's audience, its
 * mentions and the poll's remote voters (publishPollUpdate). Nothing when the status is gone,
 * not local, or has no poll any more.
 */
export function distributePollUpdate(ctx: AppContext, statusId: number): void {
  transaction(ctx.db, () => {
    const status = getStatus(ctx.db, statusId);
    if (!status || !status.local || status.poll_id === null) return;
    publishPollUpdate(ctx, status);
  });
}
