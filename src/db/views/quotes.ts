/**
 * The viewer-dependent quote fields of a page of statuses (Status.quote and
 * Status.quote_approval), in a fixed number of queries: the quotes, the quoted rows, their
 * visibility to the viewer, and the viewer's follows of authors with a followers-only policy.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { listQuotedStatusRows, listQuotesOfStatuses } from "../queries/quotes";
import { followedAmong } from "../queries/follows";
import { visibleStatusIds } from "../queries/timelines";
import { automaticApproval, quoteDecision } from "../../model/quotes";

/** Status.quote (a Quote, a ShallowQuote or null) and Status.quote_approval. */
export interface QuoteFields {
  quote: Record<string, unknown> | null;
  quote_approval: Record<string, unknown>;
}

/** Renders the quoted statuses `ids` (each with a ShallowQuote of its own quote). */
export type QuotedRenderer = (ids: number[]) => Map<number, Record<string, unknown>>;

/**
 * QuoteFields of `rows` as `viewerId` sees them. With `render`, quotes are Quote entities
 * embedding the quoted Status; without, ShallowQuotes (what a quoted status carries itself).
 * A quote of a post the viewer may not see is `unauthorized`, of a deleted one `deleted`.
 */
export function loadQuoteFields(
  ctx: AppContext,
  rows: readonly StatusRow[],
  viewerId: number | null,
  render: QuotedRenderer | null,
): Map<number, QuoteFields> {
  const out = new Map<number, QuoteFields>();
  if (rows.length === 0) return out;
  const quotes = listQuotesOfStatuses(
    ctx.db,
    rows.filter((r) => r.reblog_of_id === null).map((r) => r.id),
  );
  const quotedIds = quotes.filter((q) => q.state === "accepted" && q.quoted_status_id !== null).map((q) => q.quoted_status_id!);
  const quoted = quotedIds.length ? listQuotedStatusRows(ctx.db, quotedIds) : new Map<number, StatusRow>();
  const visible = quoted.size ? visibleStatusIds(ctx, [...quoted.values()], viewerId) : new Set<number>();
  const shown = render && visible.size ? render([...visible]) : null;
  const followersOnly = rows
    .filter((r) => (r.quote_policy === "followers" || r.quote_manual === "followers") && r.account_id !== viewerId)
    .map((r) => r.account_id);
  const following = viewerId !== null && followersOnly.length ? followedAmong(ctx.db, viewerId, followersOnly) : new Set<number>();
  const byStatus = new Map(quotes.map((q) => [q.status_id, q]));
  for (const r of rows) {
    const q = byStatus.get(r.id);
    let quote: Record<string, unknown> | null = null;
    if (q) {
      let state = q.state;
      const id = q.quoted_status_id;
      if (state === "accepted") {
        if (id === null || !quoted.has(id)) state = "deleted";
        else if (!visible.has(id)) state = "unauthorized";
        else if (render && !shown?.has(id)) state = "deleted";
      }
      const ok = state === "accepted";
      quote = render ? { state, quoted_status: ok ? shown!.get(id!)! : null } : { state, quoted_status_id: ok ? String(id) : null };
    }
    out.set(r.id, {
      quote,
      quote_approval: {
        automatic: automaticApproval(r.quote_policy),
        manual: automaticApproval(r.quote_manual ?? "nobody"),
        current_user: quoteDecision(r, viewerId, { following: following.has(r.account_id), blocked: false }),
      },
    });
  }
  return out;
}
