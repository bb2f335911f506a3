/** PUT (or PATCH) /api/v2/filters/keywords/:id: change a keyword → FilterKeyword. */
import type { Router, UserReq } from "../../../http/route";
import { bool, str } from "../../../http/params";
import { toMastodonFilterKeyword } from "../../../serializers/mastodon/filter";
import { updateKeyword } from "../../../services/filters/keywords";

export default function register(r: Router): void {
  const update = (q: UserReq) =>
    toMastodonFilterKeyword(
      updateKeyword(q.ctx, q.auth.accountId, q.params.id, { keyword: str(q.input, "keyword"), wholeWord: bool(q.input, "whole_word") }),
    );
  r.put("/api/v2/filters/keywords/:id", { scopes: ["write:filters"] }, update);
  r.patch("/api/v2/filters/keywords/:id", { scopes: ["write:filters"] }, update);
}
