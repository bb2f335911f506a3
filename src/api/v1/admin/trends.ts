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

/** A trends row standing in for item `id` of `kind` with its review state, to serialize one item as the lists do. */
function itemRow(q: UserReq, kind: TrendKind, id: number): TrendRow {
  const item = String(id);
  const review = reviewsOf(q.ctx.db, kind, [item]).get(item) ?? null;
  return { id: 0, kind, item, score: 0, max_score: 0, max_score_at: null, language: null, updated_at: 0, review } as TrendRow;
}

/** What approve/reject needs per kind: the path segment, whether the item exists, and its admin view. */
const REVIEWABLE: {
  path: string;
  kind: TrendKind;
  exists: (q: UserReq, id: number) => boolean;
  view: (q: UserReq, row: TrendRow) => Record<string, unknown> | undefined;
}[] = [
  {
    path: "tags",
    kind: "tag",
    exists: (q, id) => getTag(q.ctx.db, id) !== null,
    view: (q, row) => trendTagsJson(q.ctx, [row], q.auth.accountId, tagReview(getTrendsAutoApprove(q.ctx.db)))[0],
  },
  {
    path: "statuses",
    kind: "status",
    exists: (q, id) => getStatus(q.ctx.db, id) !== null,
    view: (q, row) => trendStatusesJson(q.ctx, [row], q.auth.accountId)[0],
  },
  {
    path: "links",
    kind: "link",
    exists: (q, id) => listPreviewCardsByIds(q.ctx.db, [id]).length > 0,
    view: (q, row) => trendLinksJson(q.ctx, [row], tagReview(getTrendsAutoApprove(q.ctx.db)))[0],
  },
];

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
    for (const k of REVIEWABLE) {
      r.post(`${base}/${k.path}/:id/${action}`, { scopes: WRITE }, (q) => {
        staff(q, "manage_taxonomies");
        const id = parseId(q.params.id);
        if (id === undefined || !k.exists(q, id)) throw new ApiError(404, "Record not found");
        reviewTrend(q.ctx, k.kind, String(id), state);
        const json = k.view(q, itemRow(q, k.kind, id));
        if (!json) throw new ApiError(404, "Record not found");
        return json;
      });
    }
  }
}
