/** GET /api/v1/polls/:id: a poll, when its status is visible to the caller. */
import type { Req, Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { parseId } from "../../../model/ids";
import { canViewStatus } from "../../../db/queries/visibility";
import { loadStatusRows } from "../../../db/views/statuses";
import { loadPollRows, pollView } from "../../../db/views/polls";

/** Registers GET /api/v1/polls/:id (logged-out access for polls on public statuses). */
export default function register(r: Router): void {
  r.get<Req>("/api/v1/polls/:id", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const id = parseId(q.params.id);
    const viewer = q.auth?.accountId ?? null;
    const poll = id === undefined ? undefined : loadPollRows(q.ctx, [id]).get(id);
    const status = poll ? loadStatusRows(q.ctx, [poll.status_id]).get(poll.status_id) : undefined;
    if (!poll || !status || !canViewStatus(q.ctx, status, viewer)) throw notFound();
    return (
      pollView(q.ctx, poll.id, viewer) ??
      (() => {
        throw notFound();
      })()
    );
  });
}
