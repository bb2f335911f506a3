/**
 * /api/v1/admin/trends/tags|statuses|links: every current trend, reviewed or not, with its
 * review state; POST …/:id/approve and …/:id/reject (Manage Taxonomies; admin:read /
 * admin:write as Mastodon's Admin::Trends controllers). Tags, statuses and links (preview
 * cards) are keyed by their own ids.
 */
import { getTag } from "../../../db/queries/tags";
import { getTrendsAutoApprove, listTrendsPage, reviewsOf, type TrendKind, type TrendRow } from "../../../db/queries/trends";
import { getStatus } from "../../../db/queries/statuses";
import { listPreviewCardsByIds } from "../../../db/queries/preview-cards";
import { int } from "../../../http/params";
import type { Router, UserReq } from "../../../http/route";
import { ApiError } from "../../../model/errors";
import { parseId } from "../../../model/ids";
import { reviewTrend } from "../../../services/trends/review";
import { trendLinksJson, trendStatusesJson, trendTagsJson } from "../misc/trend-json";
import { staff } from "./staff";

const READ = ["admin:read"];
const WRITE = ["admin:write"];

function rows(q: UserReq, kind: TrendKind): TrendRow[] {
  const limit = Math.min(int(q.input, "limit", { min: 1, max: 1000 }) ?? 10, 40);
  const offset = int(q.input, "offset", { min: 0, max: 1_000_000 }) ?? 0;
  return listTrendsPage(q.ctx.db, kind, { shownOnly: false, autoApprove: false, offset, limit });
}

/** The review fields of Mastodon's Admin::Tag / Admin::Trends::Link (trendable, requires_review) for one row. */
function tagReview(autoApprove: boolean) {
  return (r: TrendRow) => ({
    id: r.item,
    trendable: r.review === "approved" || (autoApprove && r.review === null),
    usable: true,
    requires_review: r.review === null && !autoApprove,
    listable: r.review !== "rejected",
  });
}

function adminTag(q: UserReq, id: number): Record<string, unknown> {
  const tag = getTag(q.ctx.db, id);
  if (!tag) throw new ApiError(404, "Record not found");
  const review = reviewsOf(q.ctx.db, "tag", [String(id)]).get(String(id)) ?? null;
  const row = { id: 0, kind: "tag", item: String(id), score: 0, max_score: 0, max_score_at: null, language: null, updated_at: 0, review };
  return trendTagsJson(q.ctx, [row as TrendRow], q.auth.accountId, tagReview(getTrendsAutoApprove(q.ctx.db)))[0]!;
}

function adminStatus(q: UserReq, id: number): Record<string, unknown> {
  if (!getStatus(q.ctx.db, id)) throw new ApiError(404, "Record not found");
  const row = {
    id: 0,
    kind: "status",
    item: String(id),
    score: 0,
    max_score: 0,
    max_score_at: null,
    language: null,
    updated_at: 0,
    review: null,
  };
  const json = trendStatusesJson(q.ctx, [row as TrendRow], q.auth.accountId)[0];
  if (!json) throw new ApiError(404, "Record not found");
  return json;
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = "/api/v1/admin/trends";
  r.get(`${base}/tags`, { scopes: READ }, (q) => {
    staff(q, "manage_taxonomies");
    return trendTagsJson(q.ctx, rows(q, "tag"), q.auth.accountId, tagReview(getTrendsAutoApprove(q.ctx.db)));
  });
  r.get(`${base}/statuses`, { scopes: READ }, (q) => {
    staff(q, "manage_taxonomies");
    return trendStatusesJson(q.ctx, rows(q, "status"), q.auth.accountId);
  });
  r.get(`${base}/links`, { scopes: READ }, (q) => {
    staff(q, "manage_taxonomies");
    return trendLinksJson(q.ctx, rows(q, "link"), tagReview(getTrendsAutoApprove(q.ctx.db)));
  });
  for (const [action, state] of [
    ["approve", "approved"],
    ["reject", "rejected"],
  ] as const) {
    r.post(`${base}/tags/:id/${action}`, { scopes: WRITE }, (q) => {
      staff(q, "manage_taxonomies");
      const id = parseId(q.params.id);
      if (id === undefined || !getTag(q.ctx.db, id)) throw new ApiError(404, "Record not found");
      reviewTrend(q.ctx, "tag", String(id), state);
      return adminTag(q, id);
    });
    r.post(`${base}/statuses/:id/${action}`, { scopes: WRITE }, (q) => {
      staff(q, "manage_taxonomies");
      const id = parseId(q.params.id);
      if (id === undefined || !getStatus(q.ctx.db, id)) throw new ApiError(404, "Record not found");
      reviewTrend(q.ctx, "status", String(id), state);
      return adminStatus(q, id);
    });
    r.post(`${base}/links/:id/${action}`, { scopes: WRITE }, (q) => {
      staff(q, "manage_taxonomies");
      const id = parseId(q.params.id);
      if (id === undefined || listPreviewCardsByIds(q.ctx.db, [id]).length === 0) throw new ApiError(404, "Record not found");
      reviewTrend(q.ctx, "link", String(id), state);
      const review = reviewsOf(q.ctx.db, "link", [String(id)]).get(String(id)) ?? null;
      const row = {
        id: 0,
        kind: "link",
        item: String(id),
        score: 0,
        max_score: 0,
        max_score_at: null,
        language: null,
        updated_at: 0,
        review,
      };
      return trendLinksJson(q.ctx, [row as TrendRow], tagReview(getTrendsAutoApprove(q.ctx.db)))[0];
    });
  }
}
