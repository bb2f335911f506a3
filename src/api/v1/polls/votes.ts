/** POST /api/v1/polls/:id/votes: vote in a poll with `choices[]` option indexes. */
import type { Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { strArr } from "../../../http/params";
import { parseId } from "../../../model/ids";
import { pollView } from "../../../db/views/polls";
import { voteInPoll } from "../../../services/polls/vote";

/** Registers POST /api/v1/polls/:id/votes (write:statuses); answers the updated Poll. */
export default function register(r: Router): void {
  r.post("/api/v1/polls/:id/votes", { scopes: ["write:statuses"] }, (q) => {
    const id = parseId(q.params.id);
    if (id === undefined) throw notFound();
    const poll = voteInPoll(q.ctx, id, q.auth.accountId, strArr(q.input, "choices"));
    return pollView(q.ctx, poll.id, q.auth.accountId);
  });
}
