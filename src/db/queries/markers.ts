/** Named queries on the `markers` table (reading positions per timeline). */
import type { Database } from "bun:sqlite";
import type { MarkerRow } from "../../serializers/mastodon/notification";

/** The account's marker for `timeline`, or null. */
export function getMarker(db: Database, accountId: number, timeline: string): MarkerRow | null {
  return db.query<MarkerRow, [number, string]>("SELECT * FROM markers WHERE account_id = ? AND timeline = ?").get(accountId, timeline);
}

/** Sets the account's position in `timeline` (a new marker starts at version 0, a saved one goes up by one); returns the row. */
export function upsertMarker(db: Database, accountId: number, timeline: string, lastReadId: number, at: number): MarkerRow {
  return db
    .query<MarkerRow, [number, string, number, number]>(
      `INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) VALUES (?, ?, ?, 0, ?)
       ON CONFLICT (account_id, timeline) DO UPDATE SET last_read_id = excluded.last_read_id,
         version = markers.version + 1, updated_at = excluded.updated_at
       RETURNING *`,
    )
    .get(accountId, timeline, lastReadId, at)!;
}
