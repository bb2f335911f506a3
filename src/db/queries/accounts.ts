/** Named queries on the `accounts` table. */
import type { Database } from "bun:sqlite";

/** The username of account `id`, or null when it is gone. */
export function getAccountUsername(db: Database, id: number): string | null {
  return db.query<{ username: string }, [number]>("SELECT username FROM accounts WHERE id = ?").get(id)?.username ?? null;
}

/** `{ domain }` of account `id` (domain null for a local account), or null when the account is gone. */
export function getAccountDomain(db: Database, id: number): { domain: string | null } | null {
  return db.query<{ domain: string | null }, [number]>("SELECT domain FROM accounts WHERE id = ?").get(id);
}

/** The ActivityPub id of account `id`, or null when it is gone. */
export function getAccountUri(db: Database, id: number): string | null {
  return db.query<{ uri: string }, [number]>("SELECT uri FROM accounts WHERE id = ?").get(id)?.uri ?? null;
}

/** `{ suspended_at }` of account `id`, or null when the account is gone. */
export function getAccountSuspendedAt(db: Database, id: number): { suspended_at: number | null } | null {
  return db.query<{ suspended_at: number | null }, [number]>("SELECT suspended_at FROM accounts WHERE id = ?").get(id);
}

/** Which of `ids` are local accounts. */
export function listLocalAccountIds(db: Database, ids: readonly number[]): number[] {
  return db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE domain IS NULL AND id IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(ids)).map((a) => a.id);
}

/** Counts one more status for account `id` and sets its last_status_at. */
export function incrementAccountStatuses(db: Database, id: number, at: number): void {
  db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = ? WHERE id = ?").run(at, id);
}

/** Counts one status fewer for account `id`, never below zero. */
export function decrementAccountStatuses(db: Database, id: number): void {
  db.query("UPDATE accounts SET statuses_count = max(statuses_count - 1, 0) WHERE id = ?").run(id);
}
