/** POST /api/v1/statuses/:id/mute: mute notifications from the conversation. */
import type { Router } from "../../../http/route";
import { muteConversation } from "../../../services/statuses/mute";
import { findVisibleStatus } from "../../../services/statuses/common";
import { original, statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/mute", { scopes: ["write:mutes"] }, (q) => {
    const s = original(q.ctx, findVisibleStatus(q.ctx, q.params.id, q.auth.accountId));
    muteConversation(q.ctx, q.auth.accountId, s);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
