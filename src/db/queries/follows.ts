/** Named queries on the `follows` table. */
import type { Database } from "bun:sqlite";

/** Local followers of `targetId` who asked to be notified of its posts. */
export function listLocalNotifyingFollowerIds(db: Database, targetId: number): number[] {
  return db.query<{ account_id: number }, [number]>(
    "SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND f.notify = 1 AND a.domain IS NULL",
  ).all(targetId).map((r) => r.account_id);
}
