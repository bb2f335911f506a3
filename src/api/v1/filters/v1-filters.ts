/**
 * The deprecated v1 API: GET/POST /api/v1/filters, GET/PUT/PATCH/DELETE /api/v1/filters/:id →
 * V1::Filter entities, one per keyword (the id is the keyword's).
 */
import type { Router, UserReq } from "../../../http/route";
import { bool, str, strArr, type Params } from "../../../http/params";
import { v1FilterViews } from "../../../db/views/filters";
import { toMastodonV1Filter } from "../../../serializers/mastodon/filter";
import { ownedKeyword } from "../../../services/filters/common";
import { createV1Filter, deleteV1Filter, updateV1Filter, type V1Filter, type V1FilterInput } from "../../../services/filters/v1";
import { readExpiresIn } from "../../v2/filters/params";

const READ = { scopes: ["read:filters"] };
const WRITE = { scopes: ["write:filters"] };

function readV1(input: Params): V1FilterInput {
  return {
    phrase: str(input, "phrase"),
    context: strArr(input, "context"),
    irreversible: bool(input, "irreversible"),
    wholeWord: bool(input, "whole_word"),
    expiresIn: readExpiresIn(input),
  };
}

const view = (v: V1Filter) => toMastodonV1Filter(v.filter, v.keyword);

export default function register(r: Router): void {
  r.get("/api/v1/filters", READ, (q) => v1FilterViews(q.ctx, q.auth.accountId));
  r.get("/api/v1/filters/:id", READ, (q) => view(ownedKeyword(q.ctx, q.auth.accountId, q.params.id)));
  r.post("/api/v1/filters", WRITE, (q) => view(createV1Filter(q.ctx, q.auth.accountId, readV1(q.input))));
  const update = (q: UserReq) => view(updateV1Filter(q.ctx, q.auth.accountId, q.params.id, readV1(q.input)));
  r.put("/api/v1/filters/:id", WRITE, update);
  r.patch("/api/v1/filters/:id", WRITE, update);
  r.delete("/api/v1/filters/:id", WRITE, (q) => {
    deleteV1Filter(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
