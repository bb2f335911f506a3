/** GET /api/v1/statuses/:id/context: ancestors and descendants in the thread. */
import type { Req, Router } from "../../../http/route";
import { loadStatusViews } from "../../../db/views/statuses";
import { findVisibleStatus } from "../../../services/statuses/common";
import { loadThread } from "../../../services/statuses/thread";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id/context", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    const s = findVisibleStatus(q.ctx, q.params.id, viewer);
    const t = loadThread(q.ctx, s, viewer);
    const views = loadStatusViews(
      q.ctx,
      [...t.ancestors, ...t.descendants].map((x) => x.id),
      viewer,
    );
    const pick = (rows: { id: number }[]) => rows.map((x) => views.get(x.id)).filter((v) => !!v);
    return { ancestors: pick(t.ancestors), descendants: pick(t.descendants) };
  });
}
