/** GET /api/v1/conversations: the user's direct conversations, newest last status first. */
import type { Router } from "../../../http/route";
import { listAccountConversationsPage } from "../../../db/queries/account-conversations";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { conversationViews } from "./view";

export default function register(r: Router): void {
  // Mastodon: read:statuses; pages are keyed by the last status id.
  r.get("/api/v1/conversations", { scopes: ["read:statuses"] }, (q) => {
    const rows = listAccountConversationsPage(q.ctx.db, q.auth.accountId, readPage(q.input));
    setLinkHeader(q, rows[0]?.last_status_id, rows.at(-1)?.last_status_id);
    return conversationViews(q.ctx, rows, q.auth.accountId);
  });
}
