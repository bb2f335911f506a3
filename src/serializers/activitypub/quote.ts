/**
 * FEP-044f documents as Mastodon 4.5 writes them: the QuoteAuthorization (stamp) a quoted
 * author grants, and the Accept / Reject answering a QuoteRequest.
 */
import { AS_CONTEXT, QUOTE_AUTHORIZATION_CONTEXT } from "./context";

/** The parts of one quote the documents name (all URIs). */
export interface QuoteNames {
  /** The quoted author (who grants or refuses). */
  author: string;
  /** The quoted post. */
  target: string;
  /** The quoting post. */
  quoting: string;
  /** The quoter. */
  quoter: string;
}

/** The QuoteAuthorization `id` (served at that URI). */
export function toApQuoteAuthorization(id: string, n: QuoteNames): Record<string, unknown> {
  return {
    "@context": QUOTE_AUTHORIZATION_CONTEXT,
    id,
    type: "QuoteAuthorization",
    attributedTo: n.author,
    interactingObject: n.quoting,
    interactionTarget: n.target,
  };
}

function quoteRequest(requestId: string, n: QuoteNames): Record<string, unknown> {
  return { id: requestId, type: "QuoteRequest", actor: n.quoter, object: n.target, instrument: n.quoting };
}

/** Accept of QuoteRequest `requestId` whose `result` is the stamp `approvalUri`. */
export function toApAcceptQuote(id: string, requestId: string, approvalUri: string, n: QuoteNames): Record<string, unknown> {
  return {
    "@context": [AS_CONTEXT, { QuoteRequest: "https://w3id.org/fep/044f#QuoteRequest" }],
    id,
    type: "Accept",
    actor: n.author,
    object: quoteRequest(requestId, n),
    result: approvalUri,
  };
}

/** Reject of QuoteRequest `requestId`. */
export function toApRejectQuote(id: string, requestId: string, n: QuoteNames): Record<string, unknown> {
  return {
    "@context": [AS_CONTEXT, { QuoteRequest: "https://w3id.org/fep/044f#QuoteRequest" }],
    id,
    type: "Reject",
    actor: n.author,
    object: quoteRequest(requestId, n),
  };
}
