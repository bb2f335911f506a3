/** Named queries on the `account_conversations` table (each local participant's view of a direct thread). */
import type { Database } from "bun:sqlite";

/** The account's row for conversation `conversationId` (id and participants JSON), or null. */
export function getAccountConversation(db: Database, accountId: number, conversationId: number): { id: number; participant_account_ids: string } | null {
  return db.query<{ id: number; participant_account_ids: string }, [number, number]>(
    "SELECT id, participant_account_ids FROM account_conversations WHERE account_id = ? AND conversation_id = ?",
  ).get(accountId, conversationId);
}

/** The id of row `id` if it belongs to `accountId`, or null. */
export function getAccountConversationIdOf(db: Database, id: number, accountId: number): number | null {
  return db.query<{ id: number }, [number, number]>("SELECT id FROM account_conversations WHERE id = ? AND account_id = ?").get(id, accountId)?.id ?? null;
}

/** Inserts a participant's conversation row. */
export function insertAccountConversation(
  db: Database, r: { id: number; account_id: number; conversation_id: number; participant_account_ids: string; last_status_id: number; unread: number },
): void {
  db.query("INSERT INTO account_conversations (id, account_id, conversation_id, participant_account_ids, last_status_id, unread) VALUES (?, ?, ?, ?, ?, ?)")
    .run(r.id, r.account_id, r.conversation_id, r.participant_account_ids, r.last_status_id, r.unread);
}

/** A new status in the thread: sets participants and unread, and last_status_id if `statusId` is newer. */
export function updateAccountConversation(db: Database, id: number, participantsJson: string, statusId: number, unread: number): void {
  db.query("UPDATE account_conversations SET participant_account_ids = ?, last_status_id = max(last_status_id, ?), unread = ? WHERE id = ?")
    .run(participantsJson, statusId, unread, id);
}

/** Clears the unread flag of row `id`. */
export function markAccountConversationRead(db: Database, id: number): void {
  db.query("UPDATE account_conversations SET unread = 0 WHERE id = ?").run(id);
}

/** Deletes row `id` (the statuses stay). */
export function deleteAccountConversation(db: Database, id: number): void {
  db.query("DELETE FROM account_conversations WHERE id = ?").run(id);
}
