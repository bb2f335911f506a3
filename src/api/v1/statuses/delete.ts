/** DELETE /api/v1/statuses/:id: delete an own status; answers with it and its source for redrafting. */
import type { Router } from "../../../http/route";
import { deleteStatus } from "../../../services/statuses/delete";
import { findOwnStatus } from "../../../services/statuses/common";
import { statusView } from "./load-status";

export default function register(r: Router): void {
  r.delete("/api/v1/statuses/:id", { scopes: ["write:statuses"], limit: "statusDeletes" }, (q) => {
    const s = findOwnStatus(q.ctx, q.params.id, q.auth.accountId);
    const view = { ...statusView(q.ctx, s.id, q.auth.accountId), text: s.text, spoiler_text: s.spoiler_text };
    deleteStatus(q.ctx, s);
    return view;
  });
}
