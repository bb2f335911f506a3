/** Queries on `inbox_seen`: activity ids already accepted, so a redelivered activity runs once. */
import type { Database } from "bun:sqlite";

/** Remembers activity `activityId` as seen at `at`; false when it was seen before. */
export function markActivitySeen(db: Database, activityId: string, at: number): boolean {
  return db.query("INSERT OR IGNORE INTO inbox_seen (activity_id, seen_at) VALUES (?, ?)").run(activityId, at).changes > 0;
}

/** Forgets activity ids seen before `before`. */
export function pruneSeenActivities(db: Database, before: number): void {
  db.query("DELETE FROM inbox_seen WHERE seen_at < ?").run(before);
}
