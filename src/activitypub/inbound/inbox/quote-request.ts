/**
 * QuoteRequest (FEP-044f, Mastodon 4.5's ActivityPub::Activity::QuoteRequest): someone asks
 * to quote a local post. The quoting post (the `instrument`, embedded or fetched from the
 * requester's origin) is stored first; the quoted post's policy then decides Accept (with a
 * QuoteAuthorization) or Reject.
 */
import type { AppContext } from "../../../context";
import { resolveStatusByUri, upsertRemoteStatus } from "../../../services/federation/resolve-status";
import { answerQuoteRequest } from "../../../services/quotes/federation";
import { idOf, localStatusByUri, sameOrigin, statusByUri, type Activity, type InboxContext } from "./util";

/** Inbox handler for QuoteRequest activities (see the file comment); ignores what it cannot use. */
export async function onQuoteRequest(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const requestId = idOf(a);
  if (!requestId || !sameOrigin(requestId, actor.uri)) return;
  const quoted = localStatusByUri(ctx, idOf(a.object));
  const quotingUri = idOf(a.instrument);
  if (!quoted || !quotingUri) return;
  let quoting = statusByUri(ctx, quotingUri);
  if (!quoting && a.instrument && typeof a.instrument === "object" && sameOrigin(quotingUri, actor.uri))
    quoting = await upsertRemoteStatus(ctx, a.instrument, actor.id);
  if (!quoting) quoting = await resolveStatusByUri(ctx, quotingUri);
  answerQuoteRequest(ctx, requestId, actor, quoted, quotingUri, quoting);
}
