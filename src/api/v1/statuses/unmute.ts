/** POST /api/v1/statuses/:id/unmute: unmute the conversation. */
import type { Router } from "../../../http/route";
import { unmuteConversation } from "../../../services/statuses/mute";
import { findVisibleStatus } from "../../../services/statuses/common";
import { original, statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/unmute", { scopes: ["write:mutes"] }, (q) => {
    const s = original(q.ctx, findVisibleStatus(q.ctx, q.params.id, q.auth.accountId));
    unmuteConversation(q.ctx, q.auth.accountId, s);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
