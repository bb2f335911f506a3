/** Job handlers of this area; each calls defineJob(kind, handler) at import time. */
import { defineJob } from "../runner";
import "../../db/views/polls";
import { notifyPollExpired } from "../../services/polls/expire";

/** poll.expire {pollId, expiresAt}: `poll` notifications for the author and local voters. */
defineJob("poll.expire", (ctx, p: { pollId: number; expiresAt?: number }) => {
  notifyPollExpired(ctx, p.pollId, p.expiresAt);
});
