/** Queries on `tags` (hashtags) and how accounts feature them. */
import type { Database } from "bun:sqlite";
import type { TagRow } from "../rows";

/** For tag `name`: the name `accountId` featured it under (if featured) and its display name; null when no such tag. */
export function getTagDisplayForAccount(
  db: Database,
  accountId: number,
  name: string,
): { featured: string | null; display: string } | null {
  return db
    .query<{ featured: string | null; display: string }, [number, string]>(
      `SELECT (SELECT f.name FROM featured_tags f WHERE f.account_id = ?1 AND f.tag_id = t.id) AS featured, t.display_name AS display
       FROM tags t WHERE t.name = ?2`,
    )
    .get(accountId, name);
}

/**
 * A status used hashtag `name`: inserts it (with `id`) unless it exists, sets last_status_at,
 * and returns its id, in one statement.
 */
export function upsertUsedTag(db: Database, id: number, name: string, displayName: string, at: number): number {
  return db
    .query<{ id: number }, [number, string, string, number]>(
      `INSERT INTO tags (id, name, display_name, last_status_at, created_at) VALUES (?1, ?2, ?3, ?4, ?4)
       ON CONFLICT (name) DO UPDATE SET last_status_at = excluded.last_status_at RETURNING id`,
    )
    .get(id, name, displayName, at)!.id;
}

/** The id of hashtag `name` (normalized), or null. */
export function getTagIdByName(db: Database, name: string): number | null {
  return db.query<{ id: number }, [string]>("SELECT id FROM tags WHERE name = ?").get(name)?.id ?? null;
}

/** The hashtag with this (normalized) name, else null. */
export function getTagByName(db: Database, name: string): TagRow | null {
  return db.query<TagRow, [string]>("SELECT * FROM tags WHERE name = ?").get(name);
}

/** Inserts hashtag `name` without a last_status_at (followed or featured, not yet used) unless it exists. */
export function insertUnusedTagIfMissing(db: Database, id: number, name: string, displayName: string, at: number): void {
  db.query("INSERT OR IGNORE INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)").run(id, name, displayName, at);
}

/** Inserts tag `name` unless it exists (last used `at`, created `now`). */
export function insertUsedTagIfMissing(db: Database, id: number, name: string, displayName: string, at: number, now: number): void {
  db.query("INSERT OR IGNORE INTO tags (id, name, display_name, last_status_at, created_at) VALUES (?, ?, ?, ?, ?)").run(
    id,
    name,
    displayName,
    at,
    now,
  );
}

/** Moves last_status_at of tag `id` forward to `at` (never back). */
export function bumpTagLastStatusAt(db: Database, id: number, at: number): void {
  db.query("UPDATE tags SET last_status_at = max(ifnull(last_status_at, 0), ?) WHERE id = ?").run(at, id);
}

/**
 * Tags whose name starts with `name` (already normalized; LIKE wildcards in it are escaped here),
 * the exact name first, then the most recently used; `limit` from `offset`.
 */
export function searchTagsByPrefix(
  db: Database,
  name: string,
  limit: number,
  offset: number,
): { id: number; name: string; display_name: string }[] {
  const escaped = name.replace(/[\\%_]/g, (c) => "\\" + c);
  return db
    .query<{ id: number; name: string; display_name: string }, [string, string, number, number]>(
      "SELECT id, name, display_name FROM tags WHERE name LIKE ? ESCAPE '\\' ORDER BY name = ? DESC, last_status_at DESC, name LIMIT ? OFFSET ?",
    )
    .all(escaped + "%", name, limit, offset);
}

/** The tags with `ids`, in no particular order (trends). */
export function listTagsByIds(db: Database, ids: readonly number[]): TagRow[] {
  if (ids.length === 0) return [];
  return db.query<TagRow, [string]>("SELECT * FROM tags WHERE id IN (SELECT value FROM json_each(?))").all(JSON.stringify([...ids]));
}

/** The tag with `id`, or null. */
export function getTag(db: Database, id: number): TagRow | null {
  return db.query<TagRow, [number]>("SELECT * FROM tags WHERE id = ?").get(id);
}
