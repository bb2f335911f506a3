/** Muting a conversation: no more notifications from a thread the account takes part in. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { deleteConversationMute, insertConversationMute } from "../../db/queries/conversation-mutes";
import { isMentioned } from "../../db/queries/mentions";
import { ApiError } from "../../model/errors";

/** Mutes the conversation of `s`; 422 unless the account wrote or is mentioned in the status. */
export function muteConversation(ctx: AppContext, accountId: number, s: StatusRow): void {
  const involved = s.account_id === accountId || isMentioned(ctx.db, s.id, accountId);
  if (!involved || s.conversation_id === null)
    throw new ApiError(422, "Validation failed: You can only mute conversations you take part in");
  insertConversationMute(ctx.db, accountId, s.conversation_id);
}

/** Unmutes the conversation of `s` (no-op when it was not muted). */
export function unmuteConversation(ctx: AppContext, accountId: number, s: StatusRow): void {
  if (s.conversation_id === null) return;
  deleteConversationMute(ctx.db, accountId, s.conversation_id);
}
