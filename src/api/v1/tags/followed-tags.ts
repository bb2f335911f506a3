/** GET /api/v1/followed_tags: the viewer's followed hashtags, newest follow first, Link-paged by the follow's id. */
import { linkHeader, pageSql, readPage } from "../../../http/pagination";
import type { Router } from "../../../http/route";
import type { TagRow } from "../../../services/tags/names";
import { tagsJson } from "./helpers";

export default function register(r: Router): void {
  r.get("/api/v1/followed_tags", { scopes: ["read:follows"] }, (q) => {
    const page = readPage(q.input, 100, 200);
    const p = pageSql(page, "tf.id");
    const rows = p.finish(
      q.ctx.db
        .query<TagRow & { cursor: number }, number[]>(
          `SELECT t.*, tf.id AS cursor FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id
           WHERE tf.account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
        )
        .all(q.auth.accountId, ...p.args, page.limit),
    );
    const link = linkHeader(q.url, q.ctx.uris.base, rows[0]?.cursor, rows[rows.length - 1]?.cursor);
    if (link) q.set.headers.Link = link;
    return tagsJson(q.ctx, rows, q.auth.accountId);
  });
}
