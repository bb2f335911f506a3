/**
 * Quotes made by remote posts (Mastodon 4.5's StatusParser quote fields and VerifyQuoteService):
 * the quoted post is looked up (fetched, two levels at most), a `quoteAuthorization` stamp is
 * checked against its origin, and the quote row follows the post on create and update.
 */
import type { AppContext } from "../../context";
import { getAccountDomain, getAccountUri } from "../../db/queries/accounts";
import {
  deleteQuoteOfStatus,
  getQuoteByApprovalUri,
  getQuoteOfStatus,
  insertQuote,
  linkQuotesToStatus,
  recountQuotes,
  setQuoteState,
  setStatusQuotePolicy,
} from "../../db/queries/quotes";
import { findStatusByUriOrLocalUrl, getStatus, getStatusByUri } from "../../db/queries/statuses";
import type { StatusRow } from "../../db/rows";
import { fetchObject } from "../../activitypub/outbound/deref/fetch-object";
import { FetchError } from "../../activitypub/outbound/fetch";
import type { ParsedStatus } from "../../serializers/activitypub/from-note";
import { asArray, idOf, sameOrigin } from "../../serializers/activitypub/json-ld";
import { notify } from "../notifications/notify";

/** Quoted posts are fetched while storing a quote up to this depth (Mastodon's MAX_SYNCHRONOUS_DEPTH). */
export const MAX_QUOTE_DEPTH = 2;

/**
 * What checking a stamp found (Mastodon's VerifyQuoteService): `verified` when it names the
 * quoted post, its author and the quoting post; `missing` when its origin no longer serves it
 * (a 4xx other than 429, or a document that is not the stamp's own: Mastodon rejects the quote);
 * `unverified` when it does not match or could not be fetched now (Mastodon leaves it pending).
 */
export type StampCheck = "verified" | "missing" | "unverified";

/** What was found out about a remote post's quote before its write transaction. */
export interface QuoteCheck {
  quoted: StatusRow | null;
  stamp: StampCheck | null;
}

/** Whether a failed stamp fetch is final (Mastodon's fetch_resource answers nil, rather than raising, for these). */
function permanentFailure(e: unknown): boolean {
  if (!(e instanceof FetchError)) return false;
  if (e.permanent) return true;
  const st = e.status;
  return st !== undefined && st >= 400 && st < 500 && st !== 429 && st !== 408;
}

/**
 * Checks the QuoteAuthorization at `approvalUri` (fetched through the outbound fetcher, or
 * ours): it must be attributed to the quoted author on the stamp's own origin and name both posts.
 */
export async function verifyQuoteAuthorization(
  ctx: AppContext,
  approvalUri: string,
  quoted: StatusRow,
  quotingUri: string,
): Promise<StampCheck> {
  if (approvalUri.startsWith(ctx.uris.base + "/")) {
    // Ours: a stamp we do not serve (unknown or no longer accepted) is what a 404 would say.
    const q = getQuoteByApprovalUri(ctx.db, approvalUri);
    if (!q || q.state !== "accepted") return "missing";
    if (q.quoted_status_id !== quoted.id) return "unverified";
    return getStatus(ctx.db, q.status_id)?.uri === quotingUri ? "verified" : "unverified";
  }
  let doc: Record<string, any> | null;
  try {
    doc = await fetchObject(ctx, approvalUri);
  } catch (e) {
    ctx.log.info(`quote authorization ${approvalUri}: ${e instanceof Error ? e.message : String(e)}`);
    return permanentFailure(e) ? "missing" : "unverified";
  }
  if (!doc || idOf(doc) !== approvalUri) return "missing";
  if (!asArray(doc.type).includes("QuoteAuthorization")) return "unverified";
  const author = idOf(doc.attributedTo);
  const matches =
    !!author &&
    sameOrigin(author, approvalUri) &&
    author === getAccountUri(ctx.db, quoted.account_id) &&
    idOf(doc.interactionTarget) === quoted.uri &&
    idOf(doc.interactingObject) === quotingUri;
  return matches ? "verified" : "unverified";
}

/** Fetches and stores a remote status by URI at a nesting depth (resolveStatusByUri, passed in to keep imports one-way). */
export type StatusResolver = (uri: string, depth: number) => Promise<StatusRow | null>;

/** Looks up (or fetches with `resolve`) what post `p` quotes and checks its stamp; null when it quotes nothing. Outside any transaction. */
export async function checkRemoteQuote(
  ctx: AppContext,
  p: ParsedStatus,
  authorId: number,
  depth: number,
  resolve: StatusResolver,
): Promise<QuoteCheck | null> {
  const q = p.quote;
  if (!q) return null;
  let quoted = findStatusByUriOrLocalUrl(ctx.db, q.uri);
  if (!quoted && depth < MAX_QUOTE_DEPTH) quoted = await resolve(q.uri, depth + 1);
  if (quoted && quoted.reblog_of_id !== null) quoted = null;
  if (!quoted || !q.approvalUri || quoted.account_id === authorId) return { quoted, stamp: null };
  const known = getStatusByUri(ctx.db, p.uri);
  const current = known ? getQuoteOfStatus(ctx.db, known.id) : null;
  if (current && current.state === "accepted" && current.approval_uri === q.approvalUri) return { quoted, stamp: "verified" };
  return { quoted, stamp: await verifyQuoteAuthorization(ctx, q.approvalUri, quoted, p.uri) };
}

function acceptedNotice(ctx: AppContext, row: StatusRow, quoted: StatusRow | null, quiet: boolean): void {
  if (!quoted) return;
  recountQuotes(ctx.db, quoted.id);
  if (!quiet && getAccountDomain(ctx.db, quoted.account_id)?.domain === null)
    notify(ctx, { accountId: quoted.account_id, fromAccountId: row.account_id, type: "quote", statusId: row.id });
}

/**
 * Writes the quote side of remote status `row` (new or updated) inside its transaction: its
 * quote policy, quotes of it that were waiting for it, and its own quote. A quote is accepted
 * when it is legacy (as Mastodon shows those), of the author's own post, or its stamp checked
 * out; rejected (revoked if it was accepted) when its stamp is gone; otherwise pending. An update never takes an accepted quote of the same post back.
 * The quoted local author gets a `quote` notification (not for legacy ones, nor backfill).
 */
export function storeRemoteQuote(
  ctx: AppContext,
  row: StatusRow,
  p: ParsedStatus,
  check: QuoteCheck | null,
  isNew: boolean,
  backfill: boolean,
): void {
  const db = ctx.db;
  setStatusQuotePolicy(db, row.id, p.quotePolicy, p.quoteManual);
  if (isNew) {
    linkQuotesToStatus(db, row.uri, row.id, row.account_id);
    recountQuotes(db, row.id);
  }
  const existing = getQuoteOfStatus(db, row.id);
  const q = p.quote;
  if (!q) {
    if (existing) {
      deleteQuoteOfStatus(db, row.id);
      if (existing.quoted_status_id !== null) recountQuotes(db, existing.quoted_status_id);
    }
    return;
  }
  // Re-read inside the transaction: the quoted post may have been stored meanwhile.
  const quoted = check?.quoted ? getStatus(db, check.quoted.id) : findStatusByUriOrLocalUrl(db, q.uri);
  const own = !!quoted && quoted.account_id === row.account_id;
  const verified = check?.stamp === "verified";
  const accepted = q.legacy || own || verified;
  // A stamp its origin no longer serves: Mastodon's Quote#reject! (an accepted quote becomes revoked).
  const missing = !accepted && check?.stamp === "missing";
  const approval = verified ? q.approvalUri : null;
  if (existing && existing.quoted_uri === q.uri) {
    if (missing) {
      if (existing.state === "revoked" || existing.state === "rejected") return;
      setQuoteState(db, existing.id, existing.state === "accepted" ? "revoked" : "rejected", ctx.now(), existing.approval_uri);
      if (existing.state === "accepted" && existing.quoted_status_id !== null) recountQuotes(db, existing.quoted_status_id);
      return;
    }
    if (existing.state === "accepted" || !accepted) return;
    setQuoteState(db, existing.id, "accepted", ctx.now(), approval);
    acceptedNotice(ctx, row, quoted, backfill || q.legacy);
    return;
  }
  if (existing) {
    deleteQuoteOfStatus(db, row.id);
    if (existing.quoted_status_id !== null) recountQuotes(db, existing.quoted_status_id);
  }
  insertQuote(db, {
    id: ctx.ids.next(),
    status_id: row.id,
    account_id: row.account_id,
    quoted_status_id: quoted?.id ?? null,
    quoted_account_id: quoted?.account_id ?? null,
    quoted_uri: q.uri,
    state: accepted ? "accepted" : missing ? "rejected" : "pending",
    legacy: q.legacy ? 1 : 0,
    request_uri: null,
    approval_uri: approval,
    created_at: ctx.now(),
  });
  if (accepted) acceptedNotice(ctx, row, quoted, backfill || q.legacy);
}
