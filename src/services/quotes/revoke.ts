/**
 * Revoking a quote of one's own post (Mastodon's RevokeQuoteService): the quote turns
 * `revoked` everywhere, the counter drops, and a remote quoter's server gets a Delete of the
 * QuoteAuthorization (FEP-044f).
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getQuoteOfStatus, recountQuotes, setQuoteState } from "../../db/queries/quotes";
import { transaction } from "../../db/transaction";
import { notFound } from "../../model/errors";
import { parseId } from "../../model/ids";
import { accountRow, sendToAccounts } from "../federation/send";

/** Revokes the quote made by status `rawQuotingId` of `quoted` (the caller's own post); 404 when there is none. Returns the quoting status id. */
export function revokeQuote(ctx: AppContext, quoted: StatusRow, rawQuotingId: unknown): number {
  return transaction(ctx.db, () => {
    const quotingId = parseId(rawQuotingId);
    const q = quotingId === undefined ? null : getQuoteOfStatus(ctx.db, quotingId);
    if (!q || q.quoted_status_id !== quoted.id) throw notFound();
    if (q.state === "revoked") return q.status_id;
    const was = q.state;
    setQuoteState(ctx.db, q.id, "revoked", ctx.now());
    if (was === "accepted") recountQuotes(ctx.db, quoted.id);
    if (q.approval_uri !== null) {
      const actor = accountRow(ctx, quoted.account_id);
      sendToAccounts(
        ctx,
        quoted.account_id,
        () => ({
          "@context": "https://www.w3.org/ns/activitystreams",
          id: `${q.approval_uri}#delete`,
          type: "Delete",
          actor: actor.uri,
          object: q.approval_uri,
        }),
        [q.account_id],
      );
    }
    return q.status_id;
  });
}
