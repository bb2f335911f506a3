/**
 * Named queries over the stored HTML that came from other servers (remote statuses, their
 * earlier versions, remote bios and profile fields), read and rewritten in id order by the
 * one-time re-sanitizing pass (services/federation/resanitize-html.ts). Its own module: one
 * concern across three tables, as account-search.ts and status-search.ts are.
 */
import type { Database } from "bun:sqlite";

/** A stored HTML value and the id of its row. */
export interface StoredHtml {
  id: number;
  html: string;
}

/** Up to `limit` remote statuses after `afterId`, by id, with their content. */
export function listRemoteStatusContent(db: Database, afterId: number, limit: number): StoredHtml[] {
  return db
    .query<StoredHtml, [number, number]>("SELECT id, content AS html FROM statuses WHERE local = 0 AND id > ? ORDER BY id LIMIT ?")
    .all(afterId, limit);
}

/** Replaces the content of status `id` (no edit: the same post, its markup repaired). */
export function setStatusContent(db: Database, id: number, html: string): void {
  db.query("UPDATE statuses SET content = ? WHERE id = ?").run(html, id);
}

/** Up to `limit` stored versions of remote statuses after `afterId`, by id, with their content. */
export function listRemoteStatusEditContent(db: Database, afterId: number, limit: number): StoredHtml[] {
  return db
    .query<StoredHtml, [number, number]>(
      "SELECT e.id, e.content AS html FROM status_edits e JOIN statuses s ON s.id = e.status_id WHERE s.local = 0 AND e.id > ? ORDER BY e.id LIMIT ?",
    )
    .all(afterId, limit);
}

/** Replaces the content of stored version `id`. */
export function setStatusEditContent(db: Database, id: number, html: string): void {
  db.query("UPDATE status_edits SET content = ? WHERE id = ?").run(html, id);
}

/** Up to `limit` remote accounts after `afterId`, by id, with their bio and fields (JSON). */
export function listRemoteAccountHtml(db: Database, afterId: number, limit: number): { id: number; note: string; fields: string }[] {
  return db
    .query<{ id: number; note: string; fields: string }, [number, number]>(
      "SELECT id, note, fields FROM accounts WHERE domain IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
    )
    .all(afterId, limit);
}

/** Replaces the bio and fields (JSON) of account `id`. */
export function setAccountHtml(db: Database, id: number, note: string, fields: string): void {
  db.query("UPDATE accounts SET note = ?, fields = ? WHERE id = ?").run(note, fields, id);
}
