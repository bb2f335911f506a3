/**
 * Conversation upkeep for direct statuses: each local participant (author and mentioned
 * accounts) gets an account_conversations row for the thread, marked unread for everyone but
 * the author. Call inside the transaction that wrote the status and its mentions.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getAccountConversation, insertAccountConversation, updateAccountConversation } from "../../db/queries/account-conversations";
import { listLocalAccountIds } from "../../db/queries/accounts";
import { listMentionedAccountIds } from "../../db/queries/mentions";
import { DIRECT } from "../../model/visibility";

/** Records a new direct status in its participants' conversations; other visibilities are ignored. */
export function recordDirectStatus(ctx: AppContext, s: StatusRow): void {
  if (s.visibility !== DIRECT || s.reblog_of_id !== null) return;
  const db = ctx.db;
  const conversation = s.conversation_id ?? s.id;
  const mentioned = listMentionedAccountIds(db, s.id);
  const everyone = [...new Set([s.account_id, ...mentioned])];
  const locals = listLocalAccountIds(db, everyone);
  for (const me of locals) {
    const others = everyone.filter((a) => a !== me);
    const unread = me === s.account_id ? 0 : 1;
    const row = getAccountConversation(db, me, conversation);
    if (row) {
      const merged = [...new Set([...(JSON.parse(row.participant_account_ids) as number[]), ...others])];
      updateAccountConversation(db, row.id, JSON.stringify(merged), s.id, unread);
    } else {
      insertAccountConversation(db, {
        id: ctx.ids.next(),
        account_id: me,
        conversation_id: conversation,
        participant_account_ids: JSON.stringify(others),
        last_status_id: s.id,
        unread,
      });
    }
  }
}
