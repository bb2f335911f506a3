/** GET /api/v2/instance: the Instance entity (public). */
import type { AppContext } from "../../../context";
import { serveDocument, type BuiltDocument } from "../../../http/cached-document";
import type { Req, Router } from "../../../http/route";
import { toInstanceV2 } from "../../../serializers/mastodon/instance";
import { USAGE_REFRESH_MS, usage } from "../../../services/instance/stats";
import { loadInstanceView } from "../../../services/instance/view";

/** The v2 Instance as JSON, kept until a setting, rule, thumbnail or the contact account changes or the counts are due. */
export function instanceV2Document(ctx: AppContext): BuiltDocument {
  const counts = usage(ctx);
  const v = loadInstanceView(ctx, false, counts);
  return {
    text: JSON.stringify(toInstanceV2(ctx, v)),
    contentType: "application/json; charset=utf-8",
    accounts: v.contactAccount ? [Number(v.contactAccount.id)] : [],
    expiresAt: counts.at + USAGE_REFRESH_MS,
  };
}

export default function register(r: Router): void {
  r.get<Req>("/api/v2/instance", { auth: "none" }, (q) => serveDocument(q.ctx, q.request, "instance:v2", () => instanceV2Document(q.ctx)));
}
