/**
 * Outgoing HTTP for federation (owner: signatures helper): SSRF-safe fetch (no private,
 * loopback or link-local addresses unless ALLOW_PRIVATE_ADDRESSES, only http/https, few
 * redirects, capped size and time) and signed ActivityPub GETs.
 */
import type { AppContext } from "../context";

export class FetchError extends Error {
  constructor(message: string, readonly status?: number) { super(message); }
}

export interface SafeFetchOptions extends RequestInit {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

/** fetch() with the safety rules above; the body is read fully (≤ maxBytes). */
export async function safeFetch(ctx: AppContext, url: string, opts: SafeFetchOptions = {}): Promise<{ status: number; headers: Headers; body: Uint8Array; url: string }> {
  void ctx; void url; void opts;
  throw new Error("safeFetch: not implemented");
}

/**
 * GETs an ActivityPub document, signed by `signer` (a local account id, or the instance
 * actor by default). Throws FetchError on non-2xx, wrong content type or bad JSON.
 */
export async function fetchActivityJson(ctx: AppContext, url: string, signer?: number): Promise<Record<string, any>> {
  void ctx; void url; void signer;
  throw new Error("fetchActivityJson: not implemented");
}
