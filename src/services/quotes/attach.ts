/**
 * Attaching a quote to a local status being posted or edited (Mastodon 4.5's quoted_status_id):
 * who may quote what, and the quote row with its counter and notification.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getAccountDomain, getAccountUsername } from "../../db/queries/accounts";
import { isFollowing } from "../../db/queries/follows";
import { isBlocking } from "../../db/queries/blocks";
import { deleteQuoteOfStatus, getQuoteOfStatus, insertQuote, recountQuotes } from "../../db/queries/quotes";
import { getStatus } from "../../db/queries/statuses";
import { canViewStatus } from "../../db/queries/visibility";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";
import { quoteDecision, type QuoteDecision } from "../../model/quotes";
import { DIRECT, PRIVATE, PUBLIC, UNLISTED } from "../../model/visibility";
import { notify } from "../notifications/notify";

/** A status that may be quoted by the poster, and how (automatic, or after the remote author answers). */
export interface QuoteTarget {
  quoted: StatusRow;
  decision: QuoteDecision;
}

const refused = () => new ApiError(422, "Validation failed: You are not allowed to quote this post");

/**
 * The status `rawId` if `accountId` may quote it, else 422: it must exist and be visible to
 * them, not be a direct message, nor private unless theirs, and its policy must let them.
 * A boost stands for the boosted post.
 */
export function findQuoteTarget(ctx: AppContext, accountId: number, rawId: string): QuoteTarget {
  const id = parseId(rawId);
  let quoted = id === undefined ? null : getStatus(ctx.db, id);
  if (quoted && quoted.reblog_of_id !== null) quoted = getStatus(ctx.db, quoted.reblog_of_id);
  if (!quoted || !canViewStatus(ctx, quoted, accountId)) throw refused();
  if (quoted.visibility === DIRECT) throw refused();
  if (quoted.visibility === PRIVATE && quoted.account_id !== accountId) throw refused();
  const decision = quoteDecision(quoted, accountId, {
    following: isFollowing(ctx.db, accountId, quoted.account_id),
    blocked: isBlocking(ctx.db, quoted.account_id, accountId) || isBlocking(ctx.db, accountId, quoted.account_id),
  });
  if (decision === "denied" || decision === "unknown") throw refused();
  return { quoted, decision };
}

/** The visibility of a post quoting `quoted`: a quote of a private post is private at most public. */
export function quoteVisibility(visibility: number, quoted: StatusRow): number {
  return quoted.visibility === PRIVATE && (visibility === PUBLIC || visibility === UNLISTED) ? PRIVATE : visibility;
}

/**
 * Records that local status `s` quotes `t.quoted`: accepted at once for a local post (the
 * `quote` notification goes to its author), pending for a remote one (the caller sends the
 * QuoteRequest). Returns the quote's state.
 */
export function attachQuote(ctx: AppContext, s: StatusRow, t: QuoteTarget): "accepted" | "pending" {
  const local = getAccountDomain(ctx.db, t.quoted.account_id)?.domain === null;
  const own = t.quoted.account_id === s.account_id;
  const state = local || own ? "accepted" : "pending";
  const id = ctx.ids.next();
  insertQuote(ctx.db, {
    id,
    status_id: s.id,
    account_id: s.account_id,
    quoted_status_id: t.quoted.id,
    quoted_account_id: t.quoted.account_id,
    quoted_uri: t.quoted.uri,
    state,
    legacy: 0,
    request_uri: state === "pending" ? ctx.uris.quoteRequest(s.uri) : null,
    approval_uri: state === "accepted" && local ? ctx.uris.quoteAuthorization(getAccountUsername(ctx.db, t.quoted.account_id)!, id) : null,
    created_at: ctx.now(),
  });
  if (state === "accepted") {
    recountQuotes(ctx.db, t.quoted.id);
    notify(ctx, { accountId: t.quoted.account_id, fromAccountId: s.account_id, type: "quote", statusId: s.id });
  }
  return state;
}

/** Removes the quote of status `s` (an edit dropped it); the quoted post's counter follows. */
export function detachQuote(ctx: AppContext, s: StatusRow): void {
  const q = getQuoteOfStatus(ctx.db, s.id);
  if (!q) return;
  deleteQuoteOfStatus(ctx.db, s.id);
  if (q.quoted_status_id !== null) recountQuotes(ctx.db, q.quoted_status_id);
}
