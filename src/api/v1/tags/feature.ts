/** POST /api/v1/tags/:name/feature and /unfeature → Tag (Mastodon 4.4; both idempotent). */
import type { Router } from "../../../http/route";
import { featureTag, unfeatureTag } from "../../../services/tags/feature";
import { tagNameParam } from "./params";
import { tagJson } from "./tag-json";

export default function register(r: Router): void {
  const opts = { scopes: ["write:accounts"] };
  r.post("/api/v1/tags/:name/feature", opts, (q) => {
    const { tag } = featureTag(q.ctx, q.auth.accountId, tagNameParam(q.params.name));
    return tagJson(q.ctx, tag, q.auth.accountId);
  });
  r.post("/api/v1/tags/:name/unfeature", opts, (q) => {
    const tag = unfeatureTag(q.ctx, q.auth.accountId, tagNameParam(q.params.name));
    return tagJson(q.ctx, tag, q.auth.accountId);
  });
}
