/** Named queries on the `account_conversations` table (each local participant's view of a direct thread). */
import type { Database } from "bun:sqlite";
import type { AccountConversationRow } from "../rows";
import { pageSql, type Page } from "../paging";

/** The account's row for conversation `conversationId` (id and participants JSON), or null. */
export function getAccountConversation(
  db: Database,
  accountId: number,
  conversationId: number,
): { id: number; participant_account_ids: string } | null {
  return db
    .query<{ id: number; participant_account_ids: string }, [number, number]>(
      "SELECT id, participant_account_ids FROM account_conversations WHERE account_id = ? AND conversation_id = ?",
    )
    .get(accountId, conversationId);
}

/** The id of row `id` if it belongs to `accountId`, or null. */
export function getAccountConversationIdOf(db: Database, id: number, accountId: number): number | null {
  return (
    db.query<{ id: number }, [number, number]>("SELECT id FROM account_conversations WHERE id = ? AND account_id = ?").get(id, accountId)
      ?.id ?? null
  );
}

/** Inserts a participant's conversation row. */
export function insertAccountConversation(
  db: Database,
  r: { id: number; account_id: number; conversation_id: number; participant_account_ids: string; last_status_id: number; unread: number },
): void {
  db.query(
    "INSERT INTO account_conversations (id, account_id, conversation_id, participant_account_ids, last_status_id, unread) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(r.id, r.account_id, r.conversation_id, r.participant_account_ids, r.last_status_id, r.unread);
}

/** A new status in the thread: sets participants and unread, and last_status_id if `statusId` is newer. */
export function updateAccountConversation(db: Database, id: number, participantsJson: string, statusId: number, unread: number): void {
  db.query(
    "UPDATE account_conversations SET participant_account_ids = ?, last_status_id = max(last_status_id, ?), unread = ? WHERE id = ?",
  ).run(participantsJson, statusId, unread, id);
}

/** Clears the unread flag of row `id`. */
export function markAccountConversationRead(db: Database, id: number): void {
  db.query("UPDATE account_conversations SET unread = 0 WHERE id = ?").run(id);
}

/** Sets the unread flag of the account_conversations row `id` (marked unread by its owner). */
export function markAccountConversationUnread(db: Database, id: number): void {
  db.query("UPDATE account_conversations SET unread = 1 WHERE id = ?").run(id);
}

/** Deletes row `id` (the statuses stay). */
export function deleteAccountConversation(db: Database, id: number): void {
  db.query("DELETE FROM account_conversations WHERE id = ?").run(id);
}

/** A page of `accountId`'s conversations whose last status still exists, paged by last status id, newest first. */
export function listAccountConversationsPage(db: Database, accountId: number, page: Page): AccountConversationRow[] {
  const p = pageSql(page, "c.last_status_id");
  return p.finish(
    db
      .query<AccountConversationRow, number[]>(
        `SELECT c.id, c.participant_account_ids, c.last_status_id, c.unread FROM account_conversations c
       JOIN statuses s ON s.id = c.last_status_id
       WHERE c.account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(accountId, ...p.args, page.limit),
  );
}

/** The account_conversations row `id` (as the conversation list reads it), else null. */
export function getAccountConversationRow(db: Database, id: number): AccountConversationRow | null {
  return db
    .query<AccountConversationRow, [number]>(
      "SELECT id, participant_account_ids, last_status_id, unread FROM account_conversations WHERE id = ?",
    )
    .get(id);
}
