/** Named queries on the `status_edits` table (earlier versions of edited statuses). */
import type { Database } from "bun:sqlite";
import type { StatusRow } from "../rows";

/** Stores the version `s` of a status as it was at `at`. */
export function insertStatusEdit(db: Database, id: number, s: StatusRow, at: number): void {
  db.query(
    "INSERT INTO status_edits (id, status_id, account_id, text, content, spoiler_text, sensitive, media_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(id, s.id, s.account_id, s.text, s.content, s.spoiler_text, s.sensitive, s.media_ids, at);
}

/** True when status `statusId` has stored versions. */
export function hasStatusEdits(db: Database, statusId: number): boolean {
  return !!db.query("SELECT 1 FROM status_edits WHERE status_id = ?").get(statusId);
}

/** Stores the version `s` of a remote status as it was at `at` (remote statuses keep no source text). */
export function insertRemoteStatusEdit(db: Database, id: number, s: StatusRow, at: number): void {
  db.query(
    "INSERT INTO status_edits (id, status_id, account_id, content, spoiler_text, sensitive, media_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(id, s.id, s.account_id, s.content, s.spoiler_text, s.sensitive, s.media_ids, at);
}

/** The saved versions of status `statusId`, oldest first (the text, media ids and flags of each edit). */
export function listStatusEdits(
  db: Database,
  statusId: number,
): { text: string; content: string; spoiler_text: string; sensitive: number; media_ids: string; created_at: number }[] {
  return db
    .query<{ text: string; content: string; spoiler_text: string; sensitive: number; media_ids: string; created_at: number }, [number]>(
      "SELECT * FROM status_edits WHERE status_id = ? ORDER BY id",
    )
    .all(statusId);
}
