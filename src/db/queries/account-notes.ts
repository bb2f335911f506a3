/** Queries on `account_notes`: private notes a user keeps on other accounts. */
import type { Database } from "bun:sqlite";

/** Deletes the note of `accountId` on `targetId`. */
export function deleteAccountNote(db: Database, accountId: number, targetId: number): void {
  db.query("DELETE FROM account_notes WHERE account_id = ? AND target_account_id = ?").run(accountId, targetId);
}

/** Sets the note of `accountId` on `targetId`, replacing any. */
export function upsertAccountNote(db: Database, accountId: number, targetId: number, comment: string): void {
  db.query(
    "INSERT INTO account_notes (account_id, target_account_id, comment) VALUES (?, ?, ?) ON CONFLICT (account_id, target_account_id) DO UPDATE SET comment = excluded.comment",
  ).run(accountId, targetId, comment);
}
