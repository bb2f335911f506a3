/**
 * The trends job's work (Mastodon's Trends::Tags / Links / Statuses#refresh): score what was
 * used or interacted with recently against what is expected, decay the scores with a half-life,
 * and keep only what stays above the decay threshold. Local posts and posts that arrived from
 * federation count alike; nothing is shown before review unless auto-approve is on.
 */
import type { AppContext } from "../../context";
import {
  countLinkActivity,
  countTagActivity,
  deleteTrends,
  listAllTrends,
  listStatusTrendCandidates,
  upsertTrend,
  type TrendRow,
} from "../../db/queries/trends";
import { transaction } from "../../db/transaction";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Mastodon's Trends::Tags defaults. */
export const TAG_TRENDS = { threshold: 5, maxScoreCooldown: 2 * DAY, maxScoreHalflife: 4 * HOUR, decayThreshold: 1 };
/** Mastodon's Trends::Links defaults. */
export const LINK_TRENDS = { threshold: 5, maxScoreCooldown: 2 * DAY, maxScoreHalflife: 8 * HOUR, decayThreshold: 1 };
/** Mastodon's Trends::Statuses defaults. */
export const STATUS_TRENDS = { threshold: 5, scoreHalflife: 2 * HOUR, decayThreshold: 0.3 };

/** Mastodon's score: zero under the threshold or when fewer than expected, else (observed − expected)² / expected. */
export function trendScore(observed: number, expected: number, threshold: number): number {
  const e = expected > 0 ? expected : 1;
  return e > observed || observed < threshold ? 0 : (observed - e) ** 2 / e;
}

/** Recomputes tag, link and status trends at `ctx.now()`; returns how many of each trend now. */
export function refreshTrends(ctx: AppContext): { tags: number; links: number; statuses: number } {
  return transaction(ctx.db, () => ({ tags: refreshTagTrends(ctx), links: refreshLinkTrends(ctx), statuses: refreshStatusTrends(ctx) }));
}

/** Peak-and-decay options of Trends::Tags and Trends::Links. */
interface PeakOptions {
  threshold: number;
  maxScoreCooldown: number;
  maxScoreHalflife: number;
  decayThreshold: number;
}

/**
 * Tags and links: today's distinct accounts against yesterday's make a score; the highest
 * score of the last two days is kept with its time and halves every half-life from then.
 */
function refreshPeakTrends(
  ctx: AppContext,
  kind: "tag" | "link",
  counts: (alsoIds: number[]) => { id: number; observed: number; expected: number; language: string | null }[],
  o: PeakOptions,
): number {
  const now = ctx.now();
  const current = new Map(listAllTrends(ctx.db, kind).map((t) => [t.item, t]));
  const keep = new Set<string>();
  for (const c of counts([...current.keys()].map(Number))) {
    const item = String(c.id);
    const prev: TrendRow | undefined = current.get(item);
    let maxScore = prev?.max_score ?? 0;
    let maxAt = prev?.max_score_at ?? null;
    if (maxAt === null || maxAt < now - o.maxScoreCooldown) maxScore = 0;
    const score = trendScore(c.observed, c.expected, o.threshold);
    if (score > maxScore) {
      maxScore = score;
      maxAt = now;
    }
    const decayed = maxAt === null ? 0 : maxScore * 0.5 ** ((now - maxAt) / o.maxScoreHalflife);
    if (decayed < o.decayThreshold) continue;
    keep.add(item);
    upsertTrend(ctx.db, {
      id: prev?.id ?? ctx.ids.next(),
      kind,
      item,
      score: decayed,
      maxScore,
      maxScoreAt: maxAt,
      language: c.language,
      at: now,
    });
  }
  deleteTrends(
    ctx.db,
    kind,
    [...current.keys()].filter((k) => !keep.has(k)),
  );
  return keep.size;
}

function refreshTagTrends(ctx: AppContext): number {
  const now = ctx.now();
  const dayStart = Math.floor(now / DAY) * DAY;
  return refreshPeakTrends(
    ctx,
    "tag",
    (also) =>
      countTagActivity(ctx.db, dayStart, now, also).map((c) => ({ id: c.tag, observed: c.observed, expected: c.expected, language: null })),
    TAG_TRENDS,
  );
}

function refreshLinkTrends(ctx: AppContext): number {
  const now = ctx.now();
  const dayStart = Math.floor(now / DAY) * DAY;
  return refreshPeakTrends(
    ctx,
    "link",
    (also) =>
      countLinkActivity(ctx.db, dayStart, now, also).map((c) => ({
        id: c.card,
        observed: c.observed,
        expected: c.expected,
        language: c.language,
      })),
    LINK_TRENDS,
  );
}

function refreshStatusTrends(ctx: AppContext): number {
  const now = ctx.now();
  const current = new Map(listAllTrends(ctx.db, "status").map((t) => [t.item, t]));
  const keep = new Set<string>();
  // A post's score halves every 2 hours from its creation: after two days nothing is left.
  for (const s of listStatusTrendCandidates(ctx.db, now - 2 * DAY, [...current.keys()].map(Number))) {
    const score = trendScore(s.observed, 1, STATUS_TRENDS.threshold);
    const decayed = score === 0 || !s.eligible ? 0 : score * 0.5 ** ((now - s.created_at) / STATUS_TRENDS.scoreHalflife);
    if (decayed < STATUS_TRENDS.decayThreshold) continue;
    const item = String(s.id);
    keep.add(item);
    upsertTrend(ctx.db, {
      id: current.get(item)?.id ?? ctx.ids.next(),
      kind: "status",
      item,
      score: decayed,
      maxScore: score,
      maxScoreAt: s.created_at,
      language: s.language,
      at: now,
    });
  }
  deleteTrends(
    ctx.db,
    "status",
    [...current.keys()].filter((k) => !keep.has(k)),
  );
  return keep.size;
}
