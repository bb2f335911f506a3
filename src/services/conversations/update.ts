/** Marking a conversation read and removing it from the list (the statuses stay). */
import type { AppContext } from "../../context";
import {
  deleteAccountConversation,
  getAccountConversationIdOf,
  markAccountConversationRead,
  markAccountConversationUnread,
} from "../../db/queries/account-conversations";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";

/** The account's conversation row id for `idStr`, or a 404 for unknown and other people's ids. */
export function ownConversation(ctx: AppContext, accountId: number, idStr: string): number {
  const id = parseId(idStr);
  const row = id === undefined ? null : getAccountConversationIdOf(ctx.db, id, accountId);
  if (row === null) throw new ApiError(404, "Record not found");
  return row;
}

/** POST /api/v1/conversations/:id/read: clears the unread flag; returns the row id. */
export function markConversationRead(ctx: AppContext, accountId: number, idStr: string): number {
  return transaction(ctx.db, () => {
    const id = ownConversation(ctx, accountId, idStr);
    markAccountConversationRead(ctx.db, id);
    return id;
  });
}

/** POST /api/v1/conversations/:id/unread: sets the unread flag again; returns the row id. */
export function markConversationUnread(ctx: AppContext, accountId: number, idStr: string): number {
  return transaction(ctx.db, () => {
    const id = ownConversation(ctx, accountId, idStr);
    markAccountConversationUnread(ctx.db, id);
    return id;
  });
}

/** DELETE /api/v1/conversations/:id: removes the conversation from the account's list. */
export function removeConversation(ctx: AppContext, accountId: number, idStr: string): void {
  transaction(ctx.db, () => {
    const id = ownConversation(ctx, accountId, idStr);
    deleteAccountConversation(ctx.db, id);
  });
}
