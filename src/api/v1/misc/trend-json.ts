/**
 * The trends as entities, shared by the public endpoints and the admin review: a page of
 * trends rows turned into Tag or Status entities in order, leaving out what the viewer may not
 * see (blocks, hidden domains, mutes).
 */
import type { AppContext } from "../../../context";
import { listTagsByIds } from "../../../db/queries/tags";
import type { TrendRow } from "../../../db/queries/trends";
import { loadStatusRows, statusList } from "../../../db/views/statuses";
import { filterVisible } from "../../../services/statuses/visible";
import { tagsJson } from "../tags/tag-json";

/** Tag entities for tag trends rows, in order; `extra` adds fields per row (the admin's review flags). */
export function trendTagsJson(
  ctx: AppContext,
  rows: TrendRow[],
  viewerId: number | null,
  extra?: (row: TrendRow) => Record<string, unknown>,
): Record<string, unknown>[] {
  const tags = new Map(
    listTagsByIds(
      ctx.db,
      rows.map((r) => Number(r.item)),
    ).map((t) => [t.id, t]),
  );
  const shown = rows.filter((r) => tags.has(Number(r.item)));
  const json = tagsJson(
    ctx,
    shown.map((r) => tags.get(Number(r.item))!),
    viewerId,
  );
  return json.map((j, i) => (extra ? { ...j, ...extra(shown[i]!) } : j));
}

/** Status entities for status trends rows, in order, that the viewer may see. */
export function trendStatusesJson(ctx: AppContext, rows: TrendRow[], viewerId: number | null): Record<string, unknown>[] {
  const ids = rows.map((r) => Number(r.item));
  const found = loadStatusRows(ctx, ids);
  const visible = new Set(
    filterVisible(
      ctx,
      ids.map((id) => found.get(id)).filter((s) => s !== undefined),
      viewerId,
      true,
    ).map((s) => s.id),
  );
  return statusList(
    ctx,
    ids.filter((id) => visible.has(id)),
    viewerId,
  );
}
