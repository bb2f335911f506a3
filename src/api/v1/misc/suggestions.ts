/**
 * GET /api/v1/suggestions (Accounts) and DELETE /api/v1/suggestions/:account_id (dismiss,
 * stored). GET /api/v2/suggestions is in src/api/v2/suggestions/; both come from
 * services/suggestions/suggest.ts.
 */
import { loadAccountViews } from "../../../db/views/accounts";
import { int } from "../../../http/params";
import type { Router } from "../../../http/route";
import { ApiError } from "../../../model/errors";
import { parseId } from "../../../model/ids";
import { accountExists } from "../../../db/queries/accounts";
import { dismissSuggestion, suggestionsFor } from "../../../services/suggestions/suggest";

export default function register(r: Router): void {
  // Mastodon: 40 by default, at most 80.
  r.get("/api/v1/suggestions", { scopes: ["read"] }, (q) => {
    const limit = Math.min(int(q.input, "limit", { min: 1, max: 1000 }) ?? 40, 80);
    const ids = suggestionsFor(q.ctx, q.auth.accountId, limit).map((s) => s.accountId);
    const views = loadAccountViews(q.ctx, ids);
    return ids.map((id) => views.get(id)).filter((v) => v !== undefined);
  });
  r.delete("/api/v1/suggestions/:account_id", { scopes: ["read"] }, (q) => {
    const id = parseId(q.params.account_id);
    if (id === undefined || !accountExists(q.ctx.db, id)) throw new ApiError(404, "Record not found");
    dismissSuggestion(q.ctx, q.auth.accountId, id);
    return {};
  });
}
