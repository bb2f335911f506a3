/** POST /api/v2/filters/:id/keywords: add a keyword to a filter → FilterKeyword. */
import type { Router } from "../../../http/route";
import { bool, str } from "../../../http/params";
import { toMastodonFilterKeyword } from "../../../serializers/mastodon/filter";
import { addKeyword } from "../../../services/filters/keywords";

export default function register(r: Router): void {
  r.post("/api/v2/filters/:id/keywords", { scopes: ["write:filters"] }, (q) =>
    toMastodonFilterKeyword(
      addKeyword(q.ctx, q.auth.accountId, q.params.id, { keyword: str(q.input, "keyword"), wholeWord: bool(q.input, "whole_word") }),
    ),
  );
}
