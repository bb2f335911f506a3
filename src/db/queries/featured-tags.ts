/** Queries on `featured_tags`: the hashtags accounts feature on their profiles. */
import type { Database } from "bun:sqlite";
import type { TagRow } from "../rows";

/** The id of the featured_tags row of `accountId` for tag `tagId`, else null. */
export function getFeaturedTagId(db: Database, accountId: number, tagId: number): number | null {
  return (
    db.query<{ id: number }, [number, number]>("SELECT id FROM featured_tags WHERE account_id = ? AND tag_id = ?").get(accountId, tagId)
      ?.id ?? null
  );
}

/** How many tags `accountId` features. */
export function countFeaturedTags(db: Database, accountId: number): number {
  return db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM featured_tags WHERE account_id = ?").get(accountId)!.n;
}

/** Inserts a featured tag (`name` as the account typed it). */
export function insertFeaturedTag(db: Database, id: number, accountId: number, tagId: number, name: string, at: number): void {
  db.query("INSERT INTO featured_tags (id, account_id, tag_id, name, created_at) VALUES (?, ?, ?, ?, ?)").run(
    id,
    accountId,
    tagId,
    name,
    at,
  );
}

/** Featured tag `id` of `accountId` with its tag's name, else null. */
export function getOwnedFeaturedTag(db: Database, id: number, accountId: number): { id: number; name: string; tag_name: string } | null {
  return db
    .query<{ id: number; name: string; tag_name: string }, [number, number]>(
      "SELECT f.id, f.name, t.name AS tag_name FROM featured_tags f JOIN tags t ON t.id = f.tag_id WHERE f.id = ? AND f.account_id = ?",
    )
    .get(id, accountId);
}

/** Deletes featured tag `id`. */
export function deleteFeaturedTag(db: Database, id: number): void {
  db.query("DELETE FROM featured_tags WHERE id = ?").run(id);
}

/** Deletes the featured tag of `accountId` for tag `tagId`; returns the deleted row's id and name, else null. */
export function deleteFeaturedTagOfTag(db: Database, accountId: number, tagId: number): { id: number; name: string } | null {
  return db
    .query<{ id: number; name: string }, [number, number]>(
      "DELETE FROM featured_tags WHERE account_id = ? AND tag_id = ? RETURNING id, name",
    )
    .get(accountId, tagId);
}

/**
 * The `limit` tags `accountId` used most in its newest `recent` posts and does not feature yet,
 * most used first (ties: most recently used).
 */
export function listFeaturedTagSuggestions(db: Database, accountId: number, recent: number, limit: number): TagRow[] {
  return db
    .query<TagRow, [number, number, number]>(
      `SELECT t.* FROM (SELECT id FROM statuses WHERE account_id = ?1 ORDER BY id DESC LIMIT ?2) s
         JOIN statuses_tags st ON st.status_id = s.id JOIN tags t ON t.id = st.tag_id
         WHERE NOT EXISTS (SELECT 1 FROM featured_tags f WHERE f.account_id = ?1 AND f.tag_id = t.id)
         GROUP BY t.id ORDER BY count(*) DESC, max(s.id) DESC LIMIT ?3`,
    )
    .all(accountId, recent, limit);
}

/** The hashtags `accountId` features: tag name and the name it featured it under, in order. */
export function listFeaturedTagNames(db: Database, accountId: number): { name: string; display: string }[] {
  return db
    .query<{ name: string; display: string }, [number]>(
      "SELECT t.name, f.name AS display FROM featured_tags f JOIN tags t ON t.id = f.tag_id WHERE f.account_id = ? ORDER BY f.id",
    )
    .all(accountId);
}
