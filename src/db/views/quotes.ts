/**
 * The viewer-dependent quote fields of a page of statuses (Status.quote and
 * Status.quote_approval), in a fixed number of queries: the quotes, the quoted rows, their
 * visibility to the viewer, and the viewer's follows of authors with a followers-only policy.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { listQuotedStatusRows, listQuotesOfStatuses, type QuoteRow } from "../queries/quotes";
import { followedAmong } from "../queries/follows";
import { visibleStatusIds } from "../queries/timelines";
import { automaticApproval, quoteDecision } from "../../model/quotes";

/** Status.quote (a Quote, a ShallowQuote or null) and Status.quote_approval. */
export interface QuoteFields {
  quote: Record<string, unknown> | null;
  readonly quote_approval: Record<string, unknown>;
  /** JSON.stringify(quote_approval). */
  readonly approvalJson: string;
}

const POLICIES = ["public", "followers", "nobody"];
const DECISIONS = ["automatic", "manual", "denied", "unknown"];
/** JSON of quote_approval by policy × manual policy × decision (see Fields#approvalJson). */
const approvalTexts: string[] = [];

/**
 * QuoteFields whose quote_approval is built when read: a page of 40 statuses has a handful of
 * distinct ones, and the JSON path (status-json.ts) reads only approvalJson, a shared string.
 */
class Fields implements QuoteFields {
  constructor(
    readonly quote: Record<string, unknown> | null,
    private policy: string,
    private manual: string,
    private decision: string,
  ) {}
  get quote_approval(): Record<string, unknown> {
    return { automatic: automaticApproval(this.policy), manual: automaticApproval(this.manual), current_user: this.decision };
  }
  get approvalJson(): string {
    const p = POLICIES.indexOf(this.policy),
      m = POLICIES.indexOf(this.manual),
      d = DECISIONS.indexOf(this.decision);
    if (p < 0 || m < 0 || d < 0) return JSON.stringify(this.quote_approval);
    return (approvalTexts[(p * 3 + m) * 4 + d] ??= JSON.stringify(this.quote_approval));
  }
}

/** Renders the quoted statuses `ids` (each with a ShallowQuote of its own quote). */
export type QuotedRenderer = (ids: number[]) => Map<number, Record<string, unknown>>;

/**
 * QuoteFields of `rows` as `viewerId` sees them. With `render`, quotes are Quote entities
 * embedding the quoted Status; without, ShallowQuotes (what a quoted status carries itself).
 * A quote of a post the viewer may not see is `unauthorized`, of a deleted one `deleted`.
 * `known`: the quote rows of `rows` when the caller has them (the status cache keeps them), so
 * the quotes are not read again; a page that quotes nothing then needs no query at all.
 */
export function loadQuoteFields(
  ctx: AppContext,
  rows: readonly StatusRow[],
  viewerId: number | null,
  render: QuotedRenderer | null,
  known?: readonly QuoteRow[],
): Map<number, QuoteFields> {
  const out = new Map<number, QuoteFields>();
  if (rows.length === 0) return out;
  const quotes =
    known ??
    listQuotesOfStatuses(
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
    const decision = quoteDecision(r, viewerId, { following: following.has(r.account_id), blocked: false });
    out.set(r.id, new Fields(quote, r.quote_policy, r.quote_manual ?? "nobody", decision));
  }
  return out;
}
