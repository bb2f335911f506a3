/**
 * Everything the Tag and FeaturedTag entities need, for a whole list in a fixed number of
 * queries: seven days of usage per tag, the viewer's follow and feature flags, and the counts
 * of an account's featured tags.
 */
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import { SEQ } from "../../model/ids";
import type { TagRef } from "../../services/tags/names";
import { selectIn } from "../sql";

const DAY = 86_400_000;
/** Days of history in a Tag entity (Mastodon shows a week). */
export const HISTORY_DAYS = 7;

/** Uses and distinct accounts of one tag on one UTC day (`day` is its midnight in ms). */
export interface TagDay {
  day: number;
  uses: number;
  accounts: number;
}

/** What toMastodonTag needs besides the tag itself. */
export interface TagData {
  /** Newest day first; always HISTORY_DAYS entries. */
  history: Map<number, TagDay[]>;
  days: number[];
  /** Null for anonymous viewers (the flags are then left out). */
  following: Set<number> | null;
  featuring: Set<number> | null;
}

/** How long a tag's past days are reused before they are counted again (late posts still land). */
const PAST_DAYS_TTL = 10 * 60_000;
const MAX_CACHED_TAGS = 5000;
/** Per database and tag: its history before `today` (newest first), counted at `at`. */
const pastDays = new WeakMap<Database, Map<number, { today: number; at: number; days: TagDay[] }>>();

/** Uses and accounts per (tag, day) of public posts in `tagIds` since `since` (one query). */
function countDays(ctx: AppContext, tagIds: number[], since: number): { tag: number; day: number; uses: number; accounts: number }[] {
  return selectIn<{ tag: number; day: number; uses: number; accounts: number }>(
    ctx.db,
    (ph) => `SELECT st.tag_id AS tag, (s.created_at / ${DAY}) * ${DAY} AS day, count(*) AS uses, count(DISTINCT s.account_id) AS accounts
      FROM statuses_tags st JOIN statuses s ON s.id = st.status_id
      WHERE st.status_id >= ? AND s.created_at >= ? AND s.visibility = ${PUBLIC} AND st.tag_id IN (${ph})
      GROUP BY st.tag_id, day`,
    tagIds,
    [since * SEQ, since],
  );
}

/**
 * Loads history and viewer flags for `tags` (4 queries at most). History counts public
 * posts per UTC day, as Mastodon's trends history does; the status id range (ids start with
 * their creation time) keeps it to one range scan of statuses_tags per tag. Past days are
 * counted once per PAST_DAYS_TTL and then only today is, like Mastodon's counters that are
 * kept rather than recounted.
 */
export function loadTagData(ctx: AppContext, tags: TagRef[], viewerId: number | null): TagData {
  const now = ctx.now();
  const today = Math.floor(now / DAY) * DAY;
  const days = Array.from({ length: HISTORY_DAYS }, (_, i) => today - i * DAY);
  const since = days[days.length - 1]!;
  const ids = tags.map((t) => t.id).filter((x): x is number => x !== null);
  let cache = pastDays.get(ctx.db);
  if (!cache) pastDays.set(ctx.db, (cache = new Map()));
  const past = (id: number) => {
    const c = cache!.get(id);
    return c && c.today === today && c.at > now - PAST_DAYS_TTL ? c.days : undefined;
  };
  const known = new Set(ids.filter((id) => past(id)));
  const recount = ids.filter((id) => !known.has(id));
  const history = new Map<number, TagDay[]>();
  for (const id of ids) {
    const before = past(id)?.map((d) => ({ ...d })) ?? days.slice(1).map((day) => ({ day, uses: 0, accounts: 0 }));
    history.set(id, [{ day: today, uses: 0, accounts: 0 }, ...before]);
  }
  const rows = [...(recount.length ? countDays(ctx, recount, since) : []), ...(known.size ? countDays(ctx, [...known], today) : [])];
  for (const r of rows) {
    const d = history.get(r.tag)?.find((x) => x.day === r.day);
    if (d) {
      d.uses = r.uses;
      d.accounts = r.accounts;
    }
  }
  for (const id of recount) {
    cache.delete(id);
    if (cache.size >= MAX_CACHED_TAGS) cache.delete(cache.keys().next().value!);
    cache.set(id, {
      today,
      at: now,
      days: history
        .get(id)!
        .slice(1)
        .map((d) => ({ ...d })),
    });
  }
  let following: Set<number> | null = null;
  let featuring: Set<number> | null = null;
  if (viewerId !== null) {
    const flag = (table: string) =>
      new Set(
        selectIn<{ id: number }>(ctx.db, (ph) => `SELECT tag_id AS id FROM ${table} WHERE account_id = ? AND tag_id IN (${ph})`, ids, [
          viewerId,
        ]).map((r) => r.id),
      );
    following = flag("tag_follows");
    featuring = flag("featured_tags");
  }
  return { history, days, following, featuring };
}

/** A featured_tags row with its counts over the owner's public and unlisted posts. */
export interface FeaturedTagView {
  id: number;
  name: string;
  tag_name: string;
  account_id: number;
  username: string;
  statuses_count: number;
  last_status_at: number | null;
}

/**
 * The featured tags of `accountId` (2 queries), most used first as Mastodon orders them.
 * Counts are computed here rather than kept as counters, so edits and deletes never drift.
 */
export function loadFeaturedTags(ctx: AppContext, accountId: number): FeaturedTagView[] {
  const rows = ctx.db
    .query<{ id: number; name: string; tag_id: number; tag_name: string; username: string }, [number]>(
      `SELECT f.id, f.name, f.tag_id, t.name AS tag_name, a.username FROM featured_tags f
       JOIN tags t ON t.id = f.tag_id JOIN accounts a ON a.id = f.account_id WHERE f.account_id = ? ORDER BY f.id`,
    )
    .all(accountId);
  const stats = new Map(
    selectIn<{ tag: number; n: number; last: number | null }>(
      ctx.db,
      (ph) => `SELECT st.tag_id AS tag, count(*) AS n, max(s.created_at) AS last FROM statuses s
        JOIN statuses_tags st ON st.status_id = s.id
        WHERE s.account_id = ? AND s.visibility <= ${UNLISTED} AND s.reblog_of_id IS NULL AND st.tag_id IN (${ph})
        GROUP BY st.tag_id`,
      rows.map((r) => r.tag_id),
      [accountId],
    ).map((r) => [r.tag, r]),
  );
  const out = rows.map((r) => ({
    id: r.id,
    name: r.name,
    tag_name: r.tag_name,
    account_id: accountId,
    username: r.username,
    statuses_count: stats.get(r.tag_id)?.n ?? 0,
    last_status_at: stats.get(r.tag_id)?.last ?? null,
  }));
  return out.sort((a, b) => b.statuses_count - a.statuses_count || a.id - b.id);
}
