/** Poll jobs: `poll.expire` notifies when a poll closes; `poll.distribute_update` sends new counts. */
import type { AppContext } from "../../context";
import { distributePollUpdate } from "../../services/polls/distribute";
import { notifyPollExpired } from "../../services/polls/expire";

/** poll.expire {pollId, expiresAt}: `poll` notifications for the author and local voters. */
export function runPollExpire(ctx: AppContext, p: { pollId: number; expiresAt?: number }): void {
  notifyPollExpired(ctx, p.pollId, p.expiresAt);
}

/** poll.distribute_update {statusId}: Update(Question) with a local poll's current counts. */
export function runPollDistributeUpdate(ctx: AppContext, p: { statusId: number }): void {
  distributePollUpdate(ctx, p.statusId);
}
