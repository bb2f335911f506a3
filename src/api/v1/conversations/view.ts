/** Conversation entities ({id, unread, accounts, last_status}) for account_conversations rows, in a fixed number of queries. */
import type { AppContext } from "../../../context";
import { getAccountConversationRow } from "../../../db/queries/account-conversations";
import type { AccountConversationRow } from "../../../db/rows";
import { loadAccountViews } from "../../../db/views/accounts";
import { loadStatusViews } from "../../../db/views/statuses";

/** Mastodon Conversation entities for `rows` as seen by `viewerId`; rows whose last status is gone are left out. */
export function conversationViews(ctx: AppContext, rows: AccountConversationRow[], viewerId: number): Record<string, unknown>[] {
  const people = rows.map((r) => JSON.parse(r.participant_account_ids) as number[]);
  const accounts = loadAccountViews(ctx, [...new Set(people.flat())]);
  const statuses = loadStatusViews(
    ctx,
    rows.map((r) => r.last_status_id),
    viewerId,
  );
  return rows.flatMap((r, i) => {
    const last = statuses.get(r.last_status_id);
    if (!last) return [];
    return [
      {
        id: String(r.id),
        unread: !!r.unread,
        accounts: people[i]!.map((a) => accounts.get(a)).filter((a) => a !== undefined),
        last_status: last,
      },
    ];
  });
}

/** One conversation by row id (after an action). */
export function conversationView(ctx: AppContext, id: number, viewerId: number): Record<string, unknown> | undefined {
  const row = getAccountConversationRow(ctx.db, id);
  return row ? conversationViews(ctx, [row], viewerId)[0] : undefined;
}
