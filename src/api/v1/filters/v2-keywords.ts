/**
 * GET/POST /api/v2/filters/:id/keywords, GET/PUT/PATCH/DELETE /api/v2/filters/keywords/:id →
 * FilterKeyword entities.
 */
import type { Router, UserReq } from "../../../http/route";
import { bool, str } from "../../../http/params";
import { toMastodonFilterKeyword, type FilterKeywordRow } from "../../../serializers/mastodon/filter";
import { ownedFilter, ownedKeyword } from "../../../services/filters/common";
import { addKeyword, removeKeyword, updateKeyword } from "../../../services/filters/keywords";

const READ = { scopes: ["read:filters"] };
const WRITE = { scopes: ["write:filters"] };

export default function register(r: Router): void {
  r.get("/api/v2/filters/:id/keywords", READ, (q) => {
    const f = ownedFilter(q.ctx, q.auth.accountId, q.params.id);
    return q.ctx.db.query<FilterKeywordRow, [number]>("SELECT * FROM custom_filter_keywords WHERE custom_filter_id = ? ORDER BY id").all(f.id).map(toMastodonFilterKeyword);
  });
  r.post("/api/v2/filters/:id/keywords", WRITE, (q) =>
    toMastodonFilterKeyword(addKeyword(q.ctx, q.auth.accountId, q.params.id, { keyword: str(q.input, "keyword"), wholeWord: bool(q.input, "whole_word") })),
  );
  r.get("/api/v2/filters/keywords/:id", READ, (q) => toMastodonFilterKeyword(ownedKeyword(q.ctx, q.auth.accountId, q.params.id).keyword));
  const update = (q: UserReq) =>
    toMastodonFilterKeyword(updateKeyword(q.ctx, q.auth.accountId, q.params.id, { keyword: str(q.input, "keyword"), wholeWord: bool(q.input, "whole_word") }));
  r.put("/api/v2/filters/keywords/:id", WRITE, update);
  r.patch("/api/v2/filters/keywords/:id", WRITE, update);
  r.delete("/api/v2/filters/keywords/:id", WRITE, (q) => {
    removeKeyword(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
