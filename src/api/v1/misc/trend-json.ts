/**
 * The trends as entities, shared by the public endpoints and the admin review: a page of
 * trends rows turned into Tag, PreviewCard or Status entities in order, leaving out what the viewer may not
 * see (blocks, hidden domains, mutes).
 */
import type { AppContext } from "../../../context";
import { listPreviewCardsByIds } from "../../../db/queries/preview-cards";
import { listTagsByIds } from "../../../db/queries/tags";
import { countLinkDays, type TrendRow } from "../../../db/queries/trends";
import { loadStatusRows, statusList } from "../../../db/views/statuses";
import { toMastodonPreviewCard } from "../../../serializers/mastodon/preview-card";
import { filterVisible } from "../../../services/statuses/visible";
import { tagsJson } from "../tags/tag-json";

const DAY = 86_400_000;

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

/**
 * PreviewCard entities (Mastodon's Trends::Link, with a week of history) for link trends rows,
 * in order; `extra` adds fields per row (the admin's review flags). The card's fediverse author
 * is not resolved here (`authors[0].account` null).
 */
export function trendLinksJson(
  ctx: AppContext,
  rows: TrendRow[],
  extra?: (row: TrendRow) => Record<string, unknown>,
): Record<string, unknown>[] {
  const ids = rows.map((r) => Number(r.item));
  const cards = new Map(listPreviewCardsByIds(ctx.db, ids).map((c) => [c.id, c]));
  const today = Math.floor(ctx.now() / DAY) * DAY;
  const days = Array.from({ length: 7 }, (_, k) => today - k * DAY);
  const counts = new Map<string, { uses: number; accounts: number }>();
  for (const d of countLinkDays(ctx.db, ids, days[6]!)) counts.set(`${d.card}:${d.day}`, d);
  // Mastodon's history: newest day first, seconds since the epoch, counts as strings.
  const history = (card: number) =>
    days.map((day) => {
      const c = counts.get(`${card}:${day}`);
      return { day: String(day / 1000), uses: String(c?.uses ?? 0), accounts: String(c?.accounts ?? 0) };
    });
  return rows
    .filter((r) => cards.has(Number(r.item)))
    .map((r) => ({
      ...toMastodonPreviewCard(ctx, cards.get(Number(r.item))!),
      history: history(Number(r.item)),
      ...(extra ? extra(r) : {}),
    }));
}
