/** Queries on `announcements`, `announcement_reactions` and `announcement_mutes`. */
import type { Database } from "bun:sqlite";

/** An announcement as stored. */
export interface AnnouncementRow {
  id: number;
  text: string;
  content_html: string;
  mentions: string;
  tags: string;
  starts_at: number | null;
  ends_at: number | null;
  all_day: number;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

/** One announcement, or null. */
export function getAnnouncement(db: Database, id: number): AnnouncementRow | null {
  return db.query<AnnouncementRow, [number]>("SELECT * FROM announcements WHERE id = ?").get(id);
}

/** Every announcement, newest first (the admin list). */
export function listAllAnnouncements(db: Database): AnnouncementRow[] {
  return db.query<AnnouncementRow, []>("SELECT * FROM announcements ORDER BY id DESC").all();
}

/** Published announcements shown at `now` (not ended; Mastodon lists them newest start first). */
export function listActiveAnnouncements(db: Database, now: number): AnnouncementRow[] {
  return db
    .query<AnnouncementRow, [number, number]>(
      `SELECT * FROM announcements WHERE published_at IS NOT NULL AND (starts_at IS NULL OR starts_at <= ?)
       AND (ends_at IS NULL OR ends_at >= ?) ORDER BY coalesce(starts_at, published_at) DESC, id DESC`,
    )
    .all(now, now);
}

/** Adds an announcement. */
export function insertAnnouncement(db: Database, r: AnnouncementRow): void {
  db.query(
    `INSERT INTO announcements (id, text, content_html, mentions, tags, starts_at, ends_at, all_day, published_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.text, r.content_html, r.mentions, r.tags, r.starts_at, r.ends_at, r.all_day, r.published_at, r.created_at, r.updated_at);
}

/** Rewrites an announcement's editable columns. */
export function updateAnnouncement(db: Database, r: AnnouncementRow): void {
  db.query(
    `UPDATE announcements SET text = ?, content_html = ?, mentions = ?, tags = ?, starts_at = ?, ends_at = ?, all_day = ?, published_at = ?, updated_at = ?
     WHERE id = ?`,
  ).run(r.text, r.content_html, r.mentions, r.tags, r.starts_at, r.ends_at, r.all_day, r.published_at, r.updated_at, r.id);
}

/** Deletes an announcement (its reactions and dismissals cascade). */
export function deleteAnnouncement(db: Database, id: number): void {
  db.query("DELETE FROM announcements WHERE id = ?").run(id);
}

/** Marks an announcement read for `accountId` (idempotent). */
export function insertAnnouncementMute(db: Database, announcementId: number, accountId: number, now: number): void {
  db.query("INSERT OR IGNORE INTO announcement_mutes (announcement_id, account_id, created_at) VALUES (?, ?, ?)").run(
    announcementId,
    accountId,
    now,
  );
}

/** Those of `ids` that `accountId` dismissed. */
export function listDismissedAnnouncementIds(db: Database, accountId: number, ids: readonly number[]): Set<number> {
  if (!ids.length) return new Set();
  const rows = db
    .query<{ announcement_id: number }, number[]>(
      `SELECT announcement_id FROM announcement_mutes WHERE account_id = ? AND announcement_id IN (${ids.map(() => "?").join(", ")})`,
    )
    .all(accountId, ...ids);
  return new Set(rows.map((r) => r.announcement_id));
}

/** Adds a reaction; false when the account already reacted with `name`. */
export function insertAnnouncementReaction(
  db: Database,
  id: number,
  announcementId: number,
  accountId: number,
  name: string,
  now: number,
): boolean {
  return (
    db
      .query("INSERT OR IGNORE INTO announcement_reactions (id, announcement_id, account_id, name, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, announcementId, accountId, name, now).changes > 0
  );
}

/** Removes a reaction; false when there was none. */
export function deleteAnnouncementReaction(db: Database, announcementId: number, accountId: number, name: string): boolean {
  return (
    db
      .query("DELETE FROM announcement_reactions WHERE announcement_id = ? AND account_id = ? AND name = ?")
      .run(announcementId, accountId, name).changes > 0
  );
}

/** How many distinct reaction names an announcement has (Mastodon caps them). */
export function countAnnouncementReactionNames(db: Database, announcementId: number): number {
  return db
    .query<{ n: number }, [number]>("SELECT count(DISTINCT name) AS n FROM announcement_reactions WHERE announcement_id = ?")
    .get(announcementId)!.n;
}

/** Reaction counts per announcement and name, with whether `viewerId` reacted, oldest name first. */
export function listAnnouncementReactionCounts(
  db: Database,
  ids: readonly number[],
  viewerId: number | null,
): { announcement_id: number; name: string; count: number; me: number }[] {
  if (!ids.length) return [];
  return db
    .query<{ announcement_id: number; name: string; count: number; me: number }, (number | null)[]>(
      `SELECT announcement_id, name, count(*) AS count, max(account_id = ?) AS me FROM announcement_reactions
       WHERE announcement_id IN (${ids.map(() => "?").join(", ")}) GROUP BY announcement_id, name ORDER BY min(id)`,
    )
    .all(viewerId ?? -1, ...ids);
}
