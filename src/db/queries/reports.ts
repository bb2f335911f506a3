/** Queries on `reports`. */
import type { Database } from "bun:sqlite";

/** Inserts a report received as a Flag; false when it exists already (same id or uri). */
export function insertRemoteReport(db: Database, r: { id: number; account_id: number; target_account_id: number; status_ids: string; comment: string; uri: string | null; created_at: number }): boolean {
  return db.query(
    `INSERT INTO reports (id, account_id, target_account_id, status_ids, comment, uri, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(r.id, r.account_id, r.target_account_id, r.status_ids, r.comment, r.uri, r.created_at).changes > 0;
}
