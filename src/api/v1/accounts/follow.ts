/** POST /api/v1/accounts/:id/follow | unfollow | remove_from_followers → Relationship. */
import { bool, strArr } from "../../../http/params";
import type { Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { followAccount } from "../../../services/follows/follow";
import { removeFromFollowers, unfollowAccount } from "../../../services/follows/unfollow";
import { validation } from "../../../model/errors";
import { relationshipJson } from "./relationship-json";

export default function register(r: Router): void {
  const opts = { scopes: ["write:follows"] };
  r.post("/api/v1/accounts/:id/follow", opts, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    const languages = strArr(q.input, "languages");
    if (languages && languages.some((l) => !/^[a-z]{2,3}$/i.test(l))) throw validation("Languages must be ISO 639 codes");
    followAccount(q.ctx, q.auth.accountId, target, {
      reblogs: bool(q.input, "reblogs"),
      notify: bool(q.input, "notify"),
      languages: languages?.map((l) => l.toLowerCase()),
    });
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
  r.post("/api/v1/accounts/:id/unfollow", opts, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    unfollowAccount(q.ctx, q.auth.accountId, target);
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
  r.post("/api/v1/accounts/:id/remove_from_followers", opts, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    removeFromFollowers(q.ctx, q.auth.accountId, target);
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
}
