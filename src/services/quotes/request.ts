/**
 * Asking a remote author to approve a quote (FEP-044f, as Mastodon 4.5 does): a QuoteRequest
 * whose object is the quoted post and whose instrument is the quoting Note, delivered to the
 * quoted author. Their Accept (with a QuoteAuthorization) or Reject settles the quote.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { loadNoteData } from "../../db/views/activitypub";
import { OBJECT_CONTEXT, toApNote } from "../../serializers/activitypub";
import { accountRow, embedded, sendToAccounts } from "../federation/send";

/** Enqueues the QuoteRequest of local status `s` for remote post `quoted` (inside the posting transaction). */
export function requestQuoteApproval(ctx: AppContext, s: StatusRow, quoted: StatusRow): void {
  sendToAccounts(
    ctx,
    s.account_id,
    () => ({
      "@context": [...OBJECT_CONTEXT, { QuoteRequest: "https://w3id.org/fep/044f#QuoteRequest" }],
      id: ctx.uris.quoteRequest(s.uri),
      type: "QuoteRequest",
      actor: accountRow(ctx, s.account_id).uri,
      object: quoted.uri,
      instrument: embedded(toApNote(ctx, s, loadNoteData(ctx, [s]))),
    }),
    [quoted.account_id],
  );
}
