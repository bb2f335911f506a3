/** Muting a conversation: no more notifications from a thread the account takes part in. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { ApiError } from "../../model/errors";

/** Mutes the conversation of `s`; 422 unless the account wrote or is mentioned in the status. */
export function muteConversation(ctx: AppContext, accountId: number, s: StatusRow): void {
  const involved = s.account_id === accountId || !!ctx.db.query("SELECT 1 FROM mentions WHERE status_id = ? AND account_id = ?").get(s.id, accountId);
  if (!involved || s.conversation_id === null) throw new ApiError(422, "Validation failed: You can only mute conversations you take part in");
  ctx.db.query("INSERT OR IGNORE INTO conversation_mutes (account_id, conversation_id) VALUES (?, ?)").run(accountId, s.conversation_id);
}

/** Unmutes the conversation of `s` (no-op when it was not muted). */
export function unmuteConversation(ctx: AppContext, accountId: number, s: StatusRow): void {
  if (s.conversation_id === null) return;
  ctx.db.query("DELETE FROM conversation_mutes WHERE account_id = ? AND conversation_id = ?").run(accountId, s.conversation_id);
}
