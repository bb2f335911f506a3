/**
 * GET /api/v1/directory: discoverable local and remote accounts, `order=active` (last post,
 * default) or `new` (creation), `local=true` for this instance's only, `offset`/`limit`
 * (40 by default, at most 80), leaving out accounts the viewer blocks, mutes or hides the domain of.
 */
import { listDirectoryAccounts } from "../../../db/queries/suggestions";
import { loadAccountViews } from "../../../db/views/accounts";
import { bool, int, str } from "../../../http/params";
import type { Req, Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/directory", { auth: "optional" }, (q) => {
    const ids = listDirectoryAccounts(q.ctx.db, {
      order: str(q.input, "order") === "new" ? "new" : "active",
      local: bool(q.input, "local") ?? false,
      offset: int(q.input, "offset", { min: 0, max: 1_000_000 }) ?? 0,
      limit: Math.min(int(q.input, "limit", { min: 1, max: 1000 }) ?? 40, 80),
      viewerId: q.auth?.accountId ?? null,
    });
    const views = loadAccountViews(q.ctx, ids);
    return ids.map((id) => views.get(id)).filter((v) => v !== undefined);
  });
}
