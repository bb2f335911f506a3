/** Marking a conversation read and removing it from the list (the statuses stay). */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";

/** The account's conversation row id for `idStr`, or a 404 for unknown and other people's ids. */
export function ownConversation(ctx: AppContext, accountId: number, idStr: string): number {
  const id = parseId(idStr);
  const row = id === undefined ? null : ctx.db.query<{ id: number }, [number, number]>("SELECT id FROM account_conversations WHERE id = ? AND account_id = ?").get(id, accountId);
  if (!row) throw new ApiError(404, "Record not found");
  return row.id;
}

/** POST /api/v1/conversations/:id/read: clears the unread flag; returns the row id. */
export function markConversationRead(ctx: AppContext, accountId: number, idStr: string): number {
  return ctx.db.transaction(() => {
    const id = ownConversation(ctx, accountId, idStr);
    ctx.db.query("UPDATE account_conversations SET unread = 0 WHERE id = ?").run(id);
    return id;
  }).immediate();
}

/** DELETE /api/v1/conversations/:id: removes the conversation from the account's list. */
export function removeConversation(ctx: AppContext, accountId: number, idStr: string): void {
  ctx.db.transaction(() => {
    const id = ownConversation(ctx, accountId, idStr);
    ctx.db.query("DELETE FROM account_conversations WHERE id = ?").run(id);
  }).immediate();
}
