/** PUT /api/v1/statuses/:id: edit an own status. */
import type { Router } from "../../../http/route";
import { bool, str, strArr } from "../../../http/params";
import { editStatus } from "../../../services/statuses/edit";
import { resolveRemoteMentions } from "../../../services/federation/mentions";
import { findOwnStatus } from "../../../services/statuses/common";
import { statusView } from "./load-status";

/** media_attributes[] as JSON objects or Rails-style form fields (an array or an index-keyed object). */
function mediaAttributes(v: unknown): { id: string; description?: string }[] | undefined {
  if (!v || typeof v !== "object") return undefined;
  const list = Array.isArray(v) ? v : Object.values(v);
  return list
    .filter((a): a is Record<string, unknown> => !!a && typeof a === "object")
    .map((a) => ({ id: String(a.id ?? ""), description: typeof a.description === "string" ? a.description : undefined }));
}

export default function register(r: Router): void {
  r.put("/api/v1/statuses/:id", { scopes: ["write:statuses"] }, async (q) => {
    const i = q.input;
    const input = {
      text: str(i, "status"),
      spoilerText: str(i, "spoiler_text"),
      sensitive: bool(i, "sensitive"),
      language: str(i, "language"),
      mediaIds: strArr(i, "media_ids"),
      poll: i.poll,
      mediaAttributes: mediaAttributes(i.media_attributes),
      quotedStatusId: "quoted_status_id" in i ? (str(i, "quoted_status_id") ?? "") : undefined,
      quoteApprovalPolicy: str(i, "quote_approval_policy") || undefined,
    };
    const s = findOwnStatus(q.ctx, q.params.id, q.auth.accountId);
    await resolveRemoteMentions(q.ctx, input.text);
    editStatus(q.ctx, s, input);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
