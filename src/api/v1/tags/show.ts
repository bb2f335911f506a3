/** GET /api/v1/tags/:name: a hashtag with its week of history (any valid name, known or not). */
import type { Req, Router } from "../../../http/route";
import { tagRef } from "../../../services/tags/names";
import { tagNameParam } from "./params";
import { tagJson } from "./tag-json";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/tags/:name", { auth: "optional" }, (q) => {
    const name = tagNameParam(q.params.name);
    return tagJson(q.ctx, tagRef(q.ctx, name), q.auth?.accountId ?? null);
  });
}
