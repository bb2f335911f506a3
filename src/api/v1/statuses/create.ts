/** POST /api/v1/statuses: post a new status (or schedule it, with a future `scheduled_at`). */
import type { Router } from "../../../http/route";
import { bool, str, strArr } from "../../../http/params";
import { createStatus } from "../../../services/statuses/create";
import { resolveRemoteMentions } from "../../../services/federation/mentions";
import { statusView } from "./load-status";
import { scheduleStatus } from "../../../services/scheduled-statuses/schedule";
import { scheduleTime } from "../../../services/scheduled-statuses/rules";
import { scheduledStatusView } from "../../../db/views/scheduled-statuses";

export default function register(r: Router): void {
  r.post("/api/v1/statuses", { scopes: ["write:statuses"] }, async (q) => {
    const i = q.input;
    await resolveRemoteMentions(q.ctx, str(i, "status"));
    const input = {
      text: str(i, "status"),
      spoilerText: str(i, "spoiler_text"),
      sensitive: bool(i, "sensitive"),
      visibility: str(i, "visibility") || undefined,
      language: str(i, "language"),
      inReplyToId: str(i, "in_reply_to_id"),
      mediaIds: strArr(i, "media_ids"),
      poll: i.poll,
      scheduledAt: str(i, "scheduled_at"),
      idempotencyKey: q.request.headers.get("idempotency-key") ?? undefined,
    };
    const at = scheduleTime(q.ctx, input.scheduledAt);
    if (at !== null) return scheduledStatusView(q.ctx, scheduleStatus(q.ctx, q.auth.accountId, input, q.auth.applicationId, at));
    const id = createStatus(q.ctx, q.auth.accountId, input, q.auth.applicationId);
    return statusView(q.ctx, id, q.auth.accountId);
  });
}
