/**
 * GET /api/v1/statuses/:id/quotes (the accepted quotes of one's own post, paged by quote, with
 * a Link header) and POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke.
 */
import type { Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { listAcceptedQuotesPage } from "../../../db/queries/quotes";
import { loadStatusRows, statusList } from "../../../db/views/statuses";
import { filterVisible } from "../../../services/statuses/visible";
import { setQuotePolicy } from "../../../services/quotes/edit";
import { str } from "../../../http/params";
import { findOwnStatus } from "../../../services/statuses/common";
import { revokeQuote } from "../../../services/quotes/revoke";
import { statusView } from "./load-status";

export default function register(r: Router): void {
  r.get("/api/v1/statuses/:id/quotes", { scopes: ["read:statuses"] }, (q) => {
    const s = findOwnStatus(q.ctx, q.params.id, q.auth.accountId);
    const rows = listAcceptedQuotesPage(q.ctx.db, s.id, readPage(q.input, 20, 40));
    setLinkHeader(q, rows[0]?.pid, rows[rows.length - 1]?.pid);
    const loaded = loadStatusRows(
      q.ctx,
      rows.map((x) => x.status_id),
    );
    const visible = new Set(filterVisible(q.ctx, [...loaded.values()], q.auth.accountId).map((x) => x.id));
    return statusList(
      q.ctx,
      rows.map((x) => x.status_id).filter((id) => visible.has(id)),
      q.auth.accountId,
    );
  });

  r.put("/api/v1/statuses/:id/interaction_policy", { scopes: ["write:statuses"] }, (q) => {
    const s = findOwnStatus(q.ctx, q.params.id, q.auth.accountId);
    setQuotePolicy(q.ctx, s, str(q.input, "quote_approval_policy") ?? "");
    return statusView(q.ctx, s.id, q.auth.accountId);
  });

  r.post("/api/v1/statuses/:id/quotes/:quoting_status_id/revoke", { scopes: ["write:statuses"] }, (q) => {
    const s = findOwnStatus(q.ctx, q.params.id, q.auth.accountId);
    const quotingId = revokeQuote(q.ctx, s, q.params.quoting_status_id);
    return statusView(q.ctx, quotingId, q.auth.accountId);
  });
}
