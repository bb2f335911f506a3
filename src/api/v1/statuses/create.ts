/** POST /api/v1/statuses: post a new status (or schedule it, with a future `scheduled_at`). */
import type { Router } from "../../../http/route";
import { bool, str, strArr } from "../../../http/params";
import { createStatus } from "../../../services/statuses/create";
import { resolveRemoteMentions } from "../../../services/federation/mentions";
import { statusView } from "./load-status";
import { scheduleStatus } from "../../../services/scheduled-statuses/schedule";
import { scheduleTime } from "../../../services/scheduled-statuses/rules";
import { scheduledStatusView } from "../../../db/views/scheduled-statuses";
import { loadAccountViews } from "../../../db/views/accounts";
import { ApiError } from "../../../model/errors";
import { UnexpectedMentionsError } from "../../../services/statuses/allowed-mentions";

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
      allowedMentions: allowedMentions(i.allowed_mentions),
      quotedStatusId: str(i, "quoted_status_id") || undefined,
      quoteApprovalPolicy: str(i, "quote_approval_policy") || undefined,
    };
    try {
      const at = scheduleTime(q.ctx, input.scheduledAt);
      if (at !== null) return scheduledStatusView(q.ctx, scheduleStatus(q.ctx, q.auth.accountId, input, q.auth.applicationId, at));
      const id = createStatus(q.ctx, q.auth.accountId, input, q.auth.applicationId);
      return statusView(q.ctx, id, q.auth.accountId);
    } catch (e) {
      if (!(e instanceof UnexpectedMentionsError)) throw e;
      // Mastodon's body: the error and the Accounts the post would have reached.
      const views = loadAccountViews(q.ctx, e.accountIds);
      throw new ApiError(422, e.message, { unexpected_accounts: e.accountIds.map((id) => views.get(id)).filter((v) => !!v) });
    }
  });
}

/** `permit(allowed_mentions: [])`: a list of ids (strings or numbers); anything else is dropped, meaning no check. */
function allowedMentions(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string" || typeof x === "number")) return undefined;
  return v.map(String);
}
