/** Poll jobs: `poll.expire` notifies when a poll closes. */
import type { AppContext } from "../../context";
import { notifyPollExpired } from "../../services/polls/expire";

/** poll.expire {pollId, expiresAt}: `poll` notifications for the author and local voters. */
export function runPollExpire(ctx: AppContext, p: { pollId: number; expiresAt?: number }): void {
  notifyPollExpired(ctx, p.pollId, p.expiresAt);
}
