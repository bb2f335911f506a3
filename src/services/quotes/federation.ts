/**
 * The inbound half of FEP-044f as Mastodon 4.5 runs it: answering a remote QuoteRequest for a
 * local post by its policy (Accept with a QuoteAuthorization, or Reject), settling our own
 * requests when the quoted author answers, and a Delete of a stamp revoking the quote.
 */
import type { AppContext } from "../../context";
import { getAccountUsername } from "../../db/queries/accounts";
import { isBlocking } from "../../db/queries/blocks";
import { isFollowing } from "../../db/queries/follows";
import {
  getQuoteByApprovalUri,
  getQuoteByRequestUri,
  getQuoteOfStatus,
  recountQuotes,
  setQuoteRequestUri,
  setQuoteState,
} from "../../db/queries/quotes";
import { getStatus } from "../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { loadNoteData } from "../../db/views/activitypub";
import { quoteDecision } from "../../model/quotes";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import { apTime, toApActivity, toApNote } from "../../serializers/activitypub";
import { toApAcceptQuote, toApRejectQuote } from "../../serializers/activitypub/quote";
import { statusEdited } from "../feeds";
import { notify } from "../notifications/notify";
import { sendToStatusAudience } from "../federation/statuses";
import { accountRow, sendToAccounts } from "../federation/send";

/**
 * Answers QuoteRequest `requestId` from remote `quoter` for local post `quoted`, whose quoting
 * post `quoting` is already stored (or null when it could not be): when the policy lets the
 * quoter quote automatically and `quoting` really quotes `quoted`, the quote is accepted (stamp
 * id recorded, counter, `quote` notification, streaming update) and an Accept goes back;
 * otherwise a Reject. Returns the answer.
 */
export function answerQuoteRequest(
  ctx: AppContext,
  requestId: string,
  quoter: AccountRow,
  quoted: StatusRow,
  quotingUri: string,
  quoting: StatusRow | null,
): "accepted" | "rejected" | "ignored" {
  return transaction(ctx.db, () => {
    if (quoted.visibility !== PUBLIC && quoted.visibility !== UNLISTED) return "ignored";
    const author = accountRow(ctx, quoted.account_id);
    const names = { author: author.uri, target: quoted.uri, quoting: quotingUri, quoter: quoter.uri };
    const decision = quoteDecision(quoted, quoter.id, {
      following: isFollowing(ctx.db, quoter.id, quoted.account_id),
      blocked: isBlocking(ctx.db, quoted.account_id, quoter.id) || isBlocking(ctx.db, quoter.id, quoted.account_id),
    });
    const q = quoting && quoting.account_id === quoter.id ? getQuoteOfStatus(ctx.db, quoting.id) : null;
    if (decision !== "automatic" || !q || q.quoted_status_id !== quoted.id) {
      if (q && q.quoted_status_id === quoted.id && q.state !== "rejected") setQuoteState(ctx.db, q.id, "rejected", ctx.now());
      const id = `${author.uri}#rejects/quote_requests/${ctx.ids.next()}`;
      sendToAccounts(ctx, author.id, toApRejectQuote(id, requestId, names), [quoter.id]);
      return "rejected";
    }
    const approval = q.approval_uri ?? ctx.uris.quoteAuthorization(getAccountUsername(ctx.db, author.id)!, q.id);
    setQuoteRequestUri(ctx.db, q.id, requestId);
    if (q.state !== "accepted") {
      setQuoteState(ctx.db, q.id, "accepted", ctx.now(), approval);
      recountQuotes(ctx.db, quoted.id);
      notify(ctx, { accountId: author.id, fromAccountId: quoter.id, type: "quote", statusId: quoting!.id });
      statusEdited(ctx, quoting!.id);
    }
    sendToAccounts(ctx, author.id, toApAcceptQuote(`${author.uri}#accepts/quote_requests/${q.id}`, requestId, approval, names), [
      quoter.id,
    ]);
    return "accepted";
  });
}

/** Sends Update(Note) of local status `s` after its quote was approved, so its audience sees the stamp. */
function publishQuoteApproval(ctx: AppContext, s: StatusRow): void {
  sendToStatusAudience(ctx, s, () => {
    const note = toApNote(ctx, s, loadNoteData(ctx, [s]));
    const at = ctx.now();
    return toApActivity(ctx, "Update", accountRow(ctx, s.account_id), note, {
      id: ctx.uris.updateActivity(s.uri, at),
      published: apTime(at),
      to: note.to,
      cc: note.cc,
    });
  });
}

/**
 * The quoted author `author` answered our QuoteRequest `requestUri`: Accept (with the stamp
 * `approvalUri` as `result`) makes the quote accepted, Reject rejected; the counter follows,
 * local viewers get a streaming update and, on acceptance, the post's audience an Update
 * carrying `quoteAuthorization`. False when the request is not ours or not theirs.
 */
export function settleQuoteRequest(
  ctx: AppContext,
  requestUri: string,
  author: AccountRow,
  accepted: boolean,
  approvalUri: string | null,
): boolean {
  return transaction(ctx.db, () => {
    const q = getQuoteByRequestUri(ctx.db, requestUri);
    if (!q || q.quoted_account_id !== author.id) return false;
    const s = getStatus(ctx.db, q.status_id);
    if (!s || s.local !== 1) return false;
    if (accepted && !approvalUri) return false;
    const state = accepted ? "accepted" : "rejected";
    if (q.state === state && (!accepted || q.approval_uri === approvalUri)) return true;
    setQuoteState(ctx.db, q.id, state, ctx.now(), accepted ? approvalUri : q.approval_uri);
    if (q.quoted_status_id !== null) recountQuotes(ctx.db, q.quoted_status_id);
    statusEdited(ctx, s.id);
    if (accepted) publishQuoteApproval(ctx, s);
    return true;
  });
}

/** Delete of stamp `approvalUri` by `author` (the quoted author): the quote is revoked. False when no such quote of theirs. */
export function revokeByAuthorization(ctx: AppContext, approvalUri: string, author: AccountRow): boolean {
  return transaction(ctx.db, () => {
    const q = getQuoteByApprovalUri(ctx.db, approvalUri);
    if (!q || q.quoted_account_id !== author.id) return false;
    if (q.state === "revoked") return true;
    setQuoteState(ctx.db, q.id, "revoked", ctx.now());
    if (q.quoted_status_id !== null) recountQuotes(ctx.db, q.quoted_status_id);
    statusEdited(ctx, q.status_id);
    return true;
  });
}
