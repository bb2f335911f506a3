/** GET /api/v1/instance: the deprecated v1 Instance entity, with stats (public). GET /api/v2/instance is in src/api/v2/instance/. */
import type { AppContext } from "../../../context";
import { serveDocument, type BuiltDocument } from "../../../http/cached-document";
import type { Req, Router } from "../../../http/route";
import { toInstanceV1 } from "../../../serializers/mastodon/instance";
import { USAGE_REFRESH_MS, usage } from "../../../services/instance/stats";
import { loadInstanceView } from "../../../services/instance/view";

/** The v1 Instance as JSON, kept until a setting, rule, emoji or the contact account changes or the counts are due. */
export function instanceV1Document(ctx: AppContext): BuiltDocument {
  const counts = usage(ctx);
  const v = loadInstanceView(ctx, true, counts);
  return {
    text: JSON.stringify(toInstanceV1(ctx, v)),
    contentType: "application/json; charset=utf-8",
    accounts: v.contactAccount ? [Number(v.contactAccount.id)] : [],
    expiresAt: counts.at + USAGE_REFRESH_MS,
  };
}

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance", { auth: "none" }, (q) => serveDocument(q.ctx, q.request, "instance:v1", () => instanceV1Document(q.ctx)));
}
