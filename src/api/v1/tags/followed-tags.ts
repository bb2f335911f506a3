/** GET /api/v1/followed_tags: the viewer's followed hashtags, newest follow first, Link-paged by the follow's id. */
import { listFollowedTagsPage } from "../../../db/queries/tag-follows";
import { readPage, setLinkHeader } from "../../../http/pagination";
import type { Router } from "../../../http/route";
import { tagsJson } from "./tag-json";

export default function register(r: Router): void {
  r.get("/api/v1/followed_tags", { scopes: ["read:follows"] }, (q) => {
    const rows = listFollowedTagsPage(q.ctx.db, q.auth.accountId, readPage(q.input, 100, 200));
    setLinkHeader(q, rows[0]?.cursor, rows[rows.length - 1]?.cursor);
    return tagsJson(q.ctx, rows, q.auth.accountId);
  });
}
