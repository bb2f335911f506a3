/** Named queries on the `status_pins` table (statuses pinned to a profile). */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** True when the account pinned status `statusId`. */
export function hasStatusPin(db: Database, accountId: number, statusId: number): boolean {
  return !!db.query("SELECT 1 FROM status_pins WHERE account_id = ? AND status_id = ?").get(accountId, statusId);
}

/** How many statuses the account has pinned. */
export function countStatusPins(db: Database, accountId: number): number {
  return db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM status_pins WHERE account_id = ?").get(accountId)!.n;
}

/** Inserts a pin. */
export function insertStatusPin(db: Database, r: { id: number; account_id: number; status_id: number; created_at: number }): void {
  db.query("INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(
    r.id,
    r.account_id,
    r.status_id,
    r.created_at,
  );
}

/** Deletes the account's pin of `statusId`; returns the pin's id, or null when there was none. */
export function deleteStatusPin(db: Database, accountId: number, statusId: number): number | null {
  return (
    db
      .query<{ id: number }, [number, number]>("DELETE FROM status_pins WHERE account_id = ? AND status_id = ? RETURNING id")
      .get(accountId, statusId)?.id ?? null
  );
}

/** Deletes every pin of `accountId` (before a remote account's featured collection is stored again). */
export function deleteAccountPins(db: Database, accountId: number): void {
  db.query("DELETE FROM status_pins WHERE account_id = ?").run(accountId);
}

/** Pins `statusId` for `accountId` unless it is pinned already. */
export function insertStatusPinIfMissing(db: Database, r: { id: number; account_id: number; status_id: number; created_at: number }): void {
  db.query("INSERT OR IGNORE INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(
    r.id,
    r.account_id,
    r.status_id,
    r.created_at,
  );
}

/** Those of `accountIds` that pinned any of `statusIds`. */
export function pinnersAmong(db: Database, ids: readonly number[], accountIds: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const list = ids.map(() => "?").join(", ");
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) => `SELECT account_id AS id FROM status_pins WHERE status_id IN (${list}) AND account_id IN (${ph})`,
      accountIds,
      [...ids],
    ).map((r) => r.id),
  );
}
