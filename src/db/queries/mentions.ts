/** Named queries on the `mentions` table. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** Inserts a (non-silent) mention unless it exists; true when a row was added. */
export function insertMention(db: Database, id: number, statusId: number, accountId: number): boolean {
  return (
    db.query("INSERT OR IGNORE INTO mentions (id, status_id, account_id, silent) VALUES (?, ?, ?, 0)").run(id, statusId, accountId)
      .changes > 0
  );
}

/** Deletes the mentions of `statusId` except those of `keepAccountIds`; returns the accounts dropped. */
export function deleteMentionsExcept(db: Database, statusId: number, keepAccountIds: readonly number[]): number[] {
  return db
    .query<{ account_id: number }, [number, string]>(
      "DELETE FROM mentions WHERE status_id = ? AND account_id NOT IN (SELECT value FROM json_each(?)) RETURNING account_id",
    )
    .all(statusId, JSON.stringify(keepAccountIds))
    .map((m) => m.account_id);
}

/** True when status `statusId` mentions account `accountId`. */
export function isMentioned(db: Database, statusId: number, accountId: number): boolean {
  return !!db.query("SELECT 1 FROM mentions WHERE status_id = ? AND account_id = ?").get(statusId, accountId);
}

/** The accounts status `statusId` mentions. */
export function listMentionedAccountIds(db: Database, statusId: number): number[] {
  return db
    .query<{ account_id: number }, [number]>("SELECT account_id FROM mentions WHERE status_id = ?")
    .all(statusId)
    .map((m) => m.account_id);
}

/** Inserts a mention (silent: only addressed, not tagged) unless it exists; true when a row was added. */
export function insertMentionIfMissing(db: Database, id: number, statusId: number, accountId: number, silent: boolean): boolean {
  return (
    db
      .query("INSERT OR IGNORE INTO mentions (id, status_id, account_id, silent) VALUES (?, ?, ?, ?)")
      .run(id, statusId, accountId, silent ? 1 : 0).changes > 0
  );
}

/** The accounts any of `statusIds` mentions (with repeats). */
export function listMentionedAccountIdsOf(db: Database, statusIds: readonly number[]): number[] {
  return selectIn<{ account_id: number }>(db, (ph) => `SELECT account_id FROM mentions WHERE status_id IN (${ph})`, statusIds).map(
    (m) => m.account_id,
  );
}
