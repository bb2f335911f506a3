/** Named queries on the `idempotency_keys` table (Idempotency-Key headers of posted statuses). */
import type { Database } from "bun:sqlite";

/** The status posted with this key by the account after `since` (ms), if the status still exists; else null. */
export function findIdempotentStatusId(db: Database, accountId: number, key: string, since: number): number | null {
  return (
    db
      .query<{ status_id: number }, [number, string, number]>(
        "SELECT k.status_id FROM idempotency_keys k JOIN statuses s ON s.id = k.status_id WHERE k.account_id = ? AND k.key = ? AND k.created_at > ?",
      )
      .get(accountId, key, since)?.status_id ?? null
  );
}

/** Remembers that the account posted `statusId` with `key` (replacing an older use of the key). */
export function saveIdempotencyKey(db: Database, accountId: number, key: string, statusId: number, at: number): void {
  db.query("INSERT OR REPLACE INTO idempotency_keys (account_id, key, status_id, created_at) VALUES (?, ?, ?, ?)").run(
    accountId,
    key,
    statusId,
    at,
  );
}

/** Forgets the keys that point at status `statusId`. */
export function deleteIdempotencyKeysOfStatus(db: Database, statusId: number): void {
  db.query("DELETE FROM idempotency_keys WHERE status_id = ?").run(statusId);
}
