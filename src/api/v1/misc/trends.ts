/**
 * GET /api/v1/trends/tags (and /api/v1/trends, its deprecated alias), /trends/statuses and
 * /trends/links: what the trends job found, highest score first, `offset`/`limit` paged as
 * Mastodon (Link rel="next" with offset). Only what staff approved is shown, or everything not
 * rejected when the instance auto-approves trends (setting `trendable_by_default`); nothing
 * when the setting `trends` is off. Link trends are preview cards.
 */
import { getTrendsAutoApprove, getTrendsEnabled, listTrendsPage, type TrendKind } from "../../../db/queries/trends";
import { int } from "../../../http/params";
import type { Req, Router } from "../../../http/route";
import { trendLinksJson, trendStatusesJson, trendTagsJson } from "./trend-json";

function page(q: Req, kind: TrendKind, dflt: number, max: number) {
  const limit = int(q.input, "limit", { min: 1, max: 1000 }) ?? dflt;
  const offset = int(q.input, "offset", { min: 0, max: 1_000_000 }) ?? 0;
  const size = Math.min(limit, max);
  if (!getTrendsEnabled(q.ctx.db)) return [];
  const rows = listTrendsPage(q.ctx.db, kind, { shownOnly: true, autoApprove: getTrendsAutoApprove(q.ctx.db), offset, limit: size });
  if (rows.length === size) {
    const next = new URL(q.url);
    next.searchParams.set("offset", String(offset + size));
    q.set.headers.Link = `<${q.ctx.uris.base}${next.pathname}?${next.searchParams}>; rel="next"`;
  }
  return rows;
}

export default function register(r: Router): void {
  // Mastodon's Api::V1::Trends::TagsController: 10 by default, at most 20.
  for (const path of ["/api/v1/trends", "/api/v1/trends/tags"]) {
    r.get<Req>(path, { auth: "optional" }, (q) => trendTagsJson(q.ctx, page(q, "tag", 10, 20), q.auth?.accountId ?? null));
  }
  // StatusesController: 20 by default, at most 40.
  r.get<Req>("/api/v1/trends/statuses", { auth: "optional" }, (q) =>
    trendStatusesJson(q.ctx, page(q, "status", 20, 40), q.auth?.accountId ?? null),
  );
  // LinksController: 10 by default, at most 20.
  r.get<Req>("/api/v1/trends/links", { auth: "optional" }, (q) => trendLinksJson(q.ctx, page(q, "link", 10, 20)));
}
