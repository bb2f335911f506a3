/** DELETE /api/v1/conversations/:id, POST /api/v1/conversations/:id/read and /unread. */
import type { Router } from "../../../http/route";
import { ApiError } from "../../../model/errors";
import { markConversationRead, markConversationUnread, removeConversation } from "../../../services/conversations/update";
import { conversationView } from "./view";

export default function register(r: Router): void {
  // Mastodon: write:conversations for both.
  r.delete("/api/v1/conversations/:id", { scopes: ["write:conversations"] }, (q) => {
    removeConversation(q.ctx, q.auth.accountId, q.params.id!);
    return {};
  });
  r.post("/api/v1/conversations/:id/read", { scopes: ["write:conversations"] }, (q) => {
    const id = markConversationRead(q.ctx, q.auth.accountId, q.params.id!);
    const view = conversationView(q.ctx, id, q.auth.accountId);
    if (!view) throw new ApiError(404, "Record not found");
    return view;
  });
  r.post("/api/v1/conversations/:id/unread", { scopes: ["write:conversations"] }, (q) => {
    const id = markConversationUnread(q.ctx, q.auth.accountId, q.params.id!);
    const view = conversationView(q.ctx, id, q.auth.accountId);
    if (!view) throw new ApiError(404, "Record not found");
    return view;
  });
}
