/**
 * Queries on `trends` (what the trends job found trending, with scores), `trend_reviews` (staff
 * approval) and the trends setting, plus the activity counts the job scores from.
 */
import type { Database } from "bun:sqlite";
import { SEQ } from "../../model/ids";
import { PUBLIC } from "../../model/visibility";
import { selectIn } from "../sql";

/** What trends: hashtags, posts, links. */
export type TrendKind = "tag" | "status" | "link";

/** A trends row joined with its review. */
export interface TrendRow {
  id: number;
  kind: TrendKind;
  item: string;
  score: number;
  max_score: number;
  max_score_at: number | null;
  language: string | null;
  updated_at: number;
  /** 'approved' | 'rejected' | null (not reviewed). */
  review: string | null;
}

/** Mastodon's Setting keys, shared with the owner's instance settings (stored "true" / "false"). */
const SETTING_AUTO_APPROVE = "trendable_by_default";
const SETTING_ENABLED = "trends";

/** The instance setting "trends are shown at all" (Mastodon's Setting.trends); on by default. */
export function getTrendsEnabled(db: Database): boolean {
  return db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(SETTING_ENABLED)?.value !== "false";
}

/** The instance setting "show trends without review" (Mastodon's trendable_by_default); off by default. */
export function getTrendsAutoApprove(db: Database): boolean {
  return db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(SETTING_AUTO_APPROVE)?.value === "true";
}

/** Stores the "show trends without review" setting. */
export function setTrendsAutoApprove(db: Database, on: boolean): void {
  db.query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
    SETTING_AUTO_APPROVE,
    on ? "true" : "false",
  );
}

/**
 * Tags used since `since` by public, original posts of accounts that are neither silenced nor
 * suspended, with the distinct accounts that used each in [dayStart, now] (`observed`) and in
 * the day before (`expected`), as Mastodon's per-day tag history counts them. Also scores the
 * tags in `alsoIds` (the ones trending now, so they can decay).
 */
export function countTagActivity(
  db: Database,
  dayStart: number,
  now: number,
  alsoIds: readonly number[],
): { tag: number; observed: number; expected: number }[] {
  const prev = dayStart - 86_400_000;
  return db
    .query<{ tag: number; observed: number; expected: number }, [number, number, number, number, string]>(
      `WITH cand AS (
         SELECT DISTINCT st.tag_id AS tag FROM statuses_tags st WHERE st.status_id >= ?1 * ${SEQ}
         UNION SELECT value FROM json_each(?5)
       )
       SELECT c.tag,
         (SELECT count(DISTINCT s.account_id) FROM statuses_tags st JOIN statuses s ON s.id = st.status_id
            JOIN accounts a ON a.id = s.account_id AND a.silenced_at IS NULL AND a.suspended_at IS NULL
          WHERE st.tag_id = c.tag AND st.status_id >= ?1 * ${SEQ} AND st.status_id < (?4 + 1) * ${SEQ}
            AND s.created_at >= ?1 AND s.created_at <= ?4 AND s.visibility = ${PUBLIC} AND s.reblog_of_id IS NULL) AS observed,
         (SELECT count(DISTINCT s.account_id) FROM statuses_tags st JOIN statuses s ON s.id = st.status_id
            JOIN accounts a ON a.id = s.account_id AND a.silenced_at IS NULL AND a.suspended_at IS NULL
          WHERE st.tag_id = c.tag AND st.status_id >= ?2 * ${SEQ} AND st.status_id < ?3 * ${SEQ}
            AND s.created_at >= ?2 AND s.created_at < ?3 AND s.visibility = ${PUBLIC} AND s.reblog_of_id IS NULL) AS expected
       FROM cand c`,
    )
    .all(dayStart, prev, dayStart, now, JSON.stringify([...alsoIds]));
}

/**
 * Preview cards shared since the day before `dayStart`, with the distinct accounts that shared
 * each in [dayStart, now] (`observed`) and the day before (`expected`), as Mastodon's
 * Trends::Links#register counts them: public posts (and public boosts of public posts) without
 * content warning or sensitive flag, by accounts neither silenced nor suspended, whose card is
 * fit for trends (a link with a title, description, image and provider). Also scores the
 * cards in `alsoIds` (trending now, so they can decay).
 */
export function countLinkActivity(
  db: Database,
  dayStart: number,
  now: number,
  alsoIds: readonly number[],
): { card: number; observed: number; expected: number; language: string | null }[] {
  const prev = dayStart - 86_400_000;
  const fit = `pc.type = 'link' AND pc.title <> '' AND pc.description <> '' AND pc.provider_name <> ''
    AND (pc.image_path IS NOT NULL OR pc.image_remote_url IS NOT NULL)`;
  const ok = (a: string) => `EXISTS (SELECT 1 FROM accounts ${a} WHERE ${a}.id = `;
  return db
    .query<{ card: number; observed: number; expected: number; language: string | null }, [number, number, number, string]>(
      `WITH shares AS (
         SELECT pcs.preview_card_id AS card, s.account_id AS account, s.created_at AS at
         FROM preview_cards_statuses pcs JOIN statuses s ON s.id = pcs.status_id
         WHERE pcs.status_id >= ?1 * ${SEQ} AND s.created_at >= ?1 AND s.created_at <= ?3
           AND s.visibility = ${PUBLIC} AND s.spoiler_text = '' AND s.sensitive = 0
           AND ${ok("sa")}s.account_id AND sa.silenced_at IS NULL AND sa.suspended_at IS NULL)
         UNION ALL
         SELECT pcs.preview_card_id, r.account_id, r.created_at
         FROM statuses r JOIN statuses s ON s.id = r.reblog_of_id JOIN preview_cards_statuses pcs ON pcs.status_id = s.id
         WHERE r.id >= ?1 * ${SEQ} AND r.reblog_of_id IS NOT NULL AND r.created_at >= ?1 AND r.created_at <= ?3
           AND r.visibility = ${PUBLIC} AND s.visibility = ${PUBLIC} AND s.spoiler_text = '' AND s.sensitive = 0
           AND ${ok("ra")}r.account_id AND ra.silenced_at IS NULL AND ra.suspended_at IS NULL)
           AND ${ok("oa")}s.account_id AND oa.silenced_at IS NULL AND oa.suspended_at IS NULL)
       ),
       cand AS (SELECT DISTINCT card FROM shares UNION SELECT value FROM json_each(?4))
       SELECT c.card, pc.language,
         (SELECT count(DISTINCT account) FROM shares x WHERE x.card = c.card AND x.at >= ?2) AS observed,
         (SELECT count(DISTINCT account) FROM shares x WHERE x.card = c.card AND x.at < ?2) AS expected
       FROM cand c JOIN preview_cards pc ON pc.id = c.card WHERE ${fit}`,
    )
    .all(prev, dayStart, now, JSON.stringify([...alsoIds]));
}

/** Shares (public posts and public boosts of them) and distinct sharing accounts per card and UTC day since `since`. */
export function countLinkDays(
  db: Database,
  cardIds: readonly number[],
  since: number,
): { card: number; day: number; uses: number; accounts: number }[] {
  if (cardIds.length === 0) return [];
  return db
    .query<{ card: number; day: number; uses: number; accounts: number }, [number, string]>(
      `WITH cards AS (SELECT value AS id FROM json_each(?2)),
       shares AS (
         SELECT pcs.preview_card_id AS card, s.account_id AS account, s.created_at AS at
         FROM cards c JOIN preview_cards_statuses pcs ON pcs.preview_card_id = c.id JOIN statuses s ON s.id = pcs.status_id
         WHERE s.created_at >= ?1 AND s.visibility = ${PUBLIC}
         UNION ALL
         SELECT pcs.preview_card_id, r.account_id, r.created_at
         FROM cards c JOIN preview_cards_statuses pcs ON pcs.preview_card_id = c.id JOIN statuses r ON r.reblog_of_id = pcs.status_id
         WHERE r.created_at >= ?1 AND r.visibility = ${PUBLIC}
       )
       SELECT card, (at / 86400000) * 86400000 AS day, count(*) AS uses, count(DISTINCT account) AS accounts
       FROM shares GROUP BY card, day`,
    )
    .all(since, JSON.stringify([...cardIds]));
}

/**
 * Posts that may trend (Mastodon's Trends::Statuses#eligible?): public, original, not a reply,
 * no content warning, not sensitive, by a discoverable account that is neither silenced nor
 * suspended, created since `since` or in `alsoIds`; with their boost + favourite counts.
 */
export function listStatusTrendCandidates(
  db: Database,
  since: number,
  alsoIds: readonly number[],
): { id: number; created_at: number; language: string | null; observed: number; eligible: number }[] {
  return db
    .query<{ id: number; created_at: number; language: string | null; observed: number; eligible: number }, [number, string]>(
      `SELECT s.id, s.created_at, s.language, s.reblogs_count + s.favourites_count AS observed,
         (s.visibility = ${PUBLIC} AND s.reblog_of_id IS NULL AND s.in_reply_to_id IS NULL AND s.spoiler_text = ''
          AND s.sensitive = 0 AND a.discoverable = 1 AND a.silenced_at IS NULL AND a.suspended_at IS NULL) AS eligible
       FROM statuses s JOIN accounts a ON a.id = s.account_id
       WHERE (s.id >= ?1 * ${SEQ} AND s.reblogs_count + s.favourites_count > 0) OR s.id IN (SELECT value FROM json_each(?2))`,
    )
    .all(since, JSON.stringify([...alsoIds]));
}

/** Every current trends row of `kind`. */
export function listAllTrends(db: Database, kind: TrendKind): TrendRow[] {
  return db
    .query<TrendRow, [string]>(
      `SELECT t.*, r.state AS review FROM trends t LEFT JOIN trend_reviews r ON r.kind = t.kind AND r.item = t.item WHERE t.kind = ?`,
    )
    .all(kind);
}

/** Writes (or updates) the trends row of `kind`/`item`. */
export function upsertTrend(
  db: Database,
  r: {
    id: number;
    kind: TrendKind;
    item: string;
    score: number;
    maxScore: number;
    maxScoreAt: number | null;
    language: string | null;
    at: number;
  },
): void {
  db.query(
    `INSERT INTO trends (id, kind, item, score, max_score, max_score_at, language, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, item) DO UPDATE SET score = excluded.score, max_score = excluded.max_score,
       max_score_at = excluded.max_score_at, language = excluded.language, updated_at = excluded.updated_at`,
  ).run(r.id, r.kind, r.item, r.score, r.maxScore, r.maxScoreAt, r.language, r.at);
}

/** Removes the trends rows of `kind` for `items` (they decayed below the threshold). */
export function deleteTrends(db: Database, kind: TrendKind, items: readonly string[]): void {
  if (items.length === 0) return;
  db.query("DELETE FROM trends WHERE kind = ? AND item IN (SELECT value FROM json_each(?))").run(kind, JSON.stringify([...items]));
}

/**
 * A page of trends of `kind` by score, highest first. `shownOnly`: only approved items (or, with
 * `autoApprove`, every item staff did not reject), as the public endpoints show them.
 * `languages`: items in one of them come first (Mastodon's language_order_clause), by score within each part.
 */
export function listTrendsPage(
  db: Database,
  kind: TrendKind,
  o: { shownOnly: boolean; autoApprove: boolean; offset: number; limit: number; languages?: readonly string[] },
): TrendRow[] {
  const cond = !o.shownOnly ? "" : o.autoApprove ? " AND (r.state IS NULL OR r.state = 'approved')" : " AND r.state = 'approved'";
  return db
    .query<TrendRow, [string, number, number, string]>(
      `SELECT t.*, r.state AS review FROM trends t LEFT JOIN trend_reviews r ON r.kind = t.kind AND r.item = t.item
       WHERE t.kind = ?1${cond} ORDER BY (t.language IN (SELECT value FROM json_each(?4))) DESC, t.score DESC, t.id DESC LIMIT ?2 OFFSET ?3`,
    )
    .all(kind, o.limit, o.offset, JSON.stringify(o.languages ?? []));
}

/** The review state of items of `kind` ('approved' | 'rejected'), keyed by item. */
export function reviewsOf(db: Database, kind: TrendKind, items: readonly string[]): Map<string, string> {
  return new Map(
    selectIn<{ item: string; state: string }>(
      db,
      (ph) => `SELECT item, state FROM trend_reviews WHERE kind = ? AND item IN (${ph})`,
      items,
      [kind],
    ).map((r) => [r.item, r.state]),
  );
}

/** Records staff's approval or rejection of an item. */
export function setTrendReview(db: Database, kind: TrendKind, item: string, state: "approved" | "rejected", at: number): void {
  db.query(
    `INSERT INTO trend_reviews (kind, item, state, reviewed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, item) DO UPDATE SET state = excluded.state, reviewed_at = excluded.reviewed_at`,
  ).run(kind, item, state, at);
}

/** The id of the card of `url` when it is a link trend shown to everyone (approved, or not rejected under auto-approve), else null. */
export function getShownLinkTrendCardId(db: Database, url: string, autoApprove: boolean): number | null {
  const cond = autoApprove ? "(r.state IS NULL OR r.state = 'approved')" : "r.state = 'approved'";
  return (
    db
      .query<{ id: number }, [string]>(
        `SELECT pc.id FROM preview_cards pc JOIN trends t ON t.kind = 'link' AND t.item = CAST(pc.id AS TEXT)
         LEFT JOIN trend_reviews r ON r.kind = 'link' AND r.item = t.item WHERE pc.url = ? AND ${cond}`,
      )
      .get(url)?.id ?? null
  );
}

/** Which of `items` of `kind` staff were already asked to review. */
export function reviewRequestedItems(db: Database, kind: TrendKind, items: readonly string[]): Set<string> {
  return new Set(
    selectIn<{ item: string }>(db, (ph) => `SELECT item FROM trend_review_requests WHERE kind = ? AND item IN (${ph})`, items, [kind]).map(
      (r) => r.item,
    ),
  );
}

/** Records that staff were asked to review `item` of `kind` at `at`. */
export function insertReviewRequest(db: Database, kind: TrendKind, item: string, at: number): void {
  db.query("INSERT OR IGNORE INTO trend_review_requests (kind, item, requested_at) VALUES (?, ?, ?)").run(kind, item, at);
}
