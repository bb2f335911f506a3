/** GET /api/v1/conversations: the user's direct conversations, newest last status first. */
import type { Router } from "../../../http/route";
import { linkHeader, pageSql, readPage } from "../../../http/pagination";
import { conversationViews, type ConversationRow } from "./view";

export default function register(r: Router): void {
  // Mastodon: read:statuses; pages are keyed by the last status id.
  r.get("/api/v1/conversations", { scopes: ["read:statuses"] }, (q) => {
    const page = pageSql(readPage(q.input), "c.last_status_id");
    const rows = page.finish(q.ctx.db.query<ConversationRow, (number)[]>(
      `SELECT c.id, c.participant_account_ids, c.last_status_id, c.unread FROM account_conversations c
       JOIN statuses s ON s.id = c.last_status_id
       WHERE c.account_id = ?${page.where} ORDER BY ${page.order} LIMIT ?`,
    ).all(q.auth.accountId, ...page.args, readPage(q.input).limit));
    const link = linkHeader(q.url, q.ctx.uris.base, rows[0]?.last_status_id, rows.at(-1)?.last_status_id);
    if (link) q.set.headers.Link = link;
    return conversationViews(q.ctx, rows, q.auth.accountId);
  });
}
