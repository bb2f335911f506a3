/** Named queries on the `conversation_mutes` table (threads an account muted). */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** True when the account muted conversation `conversationId`. */
export function isConversationMuted(db: Database, accountId: number, conversationId: number): boolean {
  return !!db.query("SELECT 1 FROM conversation_mutes WHERE account_id = ? AND conversation_id = ?").get(accountId, conversationId);
}

/** Mutes a conversation for the account (idempotent). */
export function insertConversationMute(db: Database, accountId: number, conversationId: number): void {
  db.query("INSERT OR IGNORE INTO conversation_mutes (account_id, conversation_id) VALUES (?, ?)").run(accountId, conversationId);
}

/** Unmutes a conversation for the account. */
export function deleteConversationMute(db: Database, accountId: number, conversationId: number): void {
  db.query("DELETE FROM conversation_mutes WHERE account_id = ? AND conversation_id = ?").run(accountId, conversationId);
}

/** Those of `accountIds` that muted any of conversations `ids`. */
export function conversationMutersAmong(db: Database, ids: readonly number[], accountIds: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const list = ids.map(() => "?").join(", ");
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) => `SELECT account_id AS id FROM conversation_mutes WHERE conversation_id IN (${list}) AND account_id IN (${ph})`,
      accountIds,
      [...ids],
    ).map((r) => r.id),
  );
}
