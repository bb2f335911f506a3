/** POST /api/v1/tags/:name/follow and /unfollow → Tag (both idempotent). */
import type { Router } from "../../../http/route";
import { followTag, unfollowTag } from "../../../services/tags/follow";
import { tagNameParam } from "./params";
import { tagJson } from "./tag-json";

export default function register(r: Router): void {
  const opts = { scopes: ["write:follows"] };
  r.post("/api/v1/tags/:name/follow", opts, (q) => {
    const tag = followTag(q.ctx, q.auth.accountId, tagNameParam(q.params.name));
    return tagJson(q.ctx, tag, q.auth.accountId);
  });
  r.post("/api/v1/tags/:name/unfollow", opts, (q) => {
    const tag = unfollowTag(q.ctx, q.auth.accountId, tagNameParam(q.params.name));
    return tagJson(q.ctx, tag, q.auth.accountId);
  });
}
