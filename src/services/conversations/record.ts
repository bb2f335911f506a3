/**
 * Conversation upkeep for direct statuses: each local participant (author and mentioned
 * accounts) gets an account_conversations row for the thread, marked unread for everyone but
 * the author. Call inside the transaction that wrote the status and its mentions.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { DIRECT } from "../../model/visibility";

/** Records a new direct status in its participants' conversations; other visibilities are ignored. */
export function recordDirectStatus(ctx: AppContext, s: StatusRow): void {
  if (s.visibility !== DIRECT || s.reblog_of_id !== null) return;
  const db = ctx.db;
  const conversation = s.conversation_id ?? s.id;
  const mentioned = db.query<{ account_id: number }, [number]>("SELECT account_id FROM mentions WHERE status_id = ?").all(s.id).map((m) => m.account_id);
  const everyone = [...new Set([s.account_id, ...mentioned])];
  const locals = db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE domain IS NULL AND id IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(everyone)).map((a) => a.id);
  const existing = db.query<{ id: number; participant_account_ids: string }, [number, number]>(
    "SELECT id, participant_account_ids FROM account_conversations WHERE account_id = ? AND conversation_id = ?",
  );
  for (const me of locals) {
    const others = everyone.filter((a) => a !== me);
    const unread = me === s.account_id ? 0 : 1;
    const row = existing.get(me, conversation);
    if (row) {
      const merged = [...new Set([...(JSON.parse(row.participant_account_ids) as number[]), ...others])];
      db.query("UPDATE account_conversations SET participant_account_ids = ?, last_status_id = max(last_status_id, ?), unread = ? WHERE id = ?")
        .run(JSON.stringify(merged), s.id, unread, row.id);
    } else {
      db.query("INSERT INTO account_conversations (id, account_id, conversation_id, participant_account_ids, last_status_id, unread) VALUES (?, ?, ?, ?, ?, ?)")
        .run(ctx.ids.next(), me, conversation, JSON.stringify(others), s.id, unread);
    }
  }
}
