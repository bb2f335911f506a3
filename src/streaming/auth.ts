/** Who is opening a stream: the token from Authorization, access_token or Sec-WebSocket-Protocol. */
import type { AppContext } from "../context";
import { authenticate, tokenFromRequest } from "../http/auth";
import { json } from "../http/route";
import { StreamError, type StreamAuth } from "./channels";

/** A stream caller: viewer (null when logged out or app-only) plus its token. */
export interface StreamCaller extends StreamAuth {
  tokenId: number | null;
}

/**
 * Authenticates a streaming request. `protocolToken` is the Sec-WebSocket-Protocol value,
 * used when no other token is given. No token: a logged-out caller. Bad token: StreamError 401.
 */
export function streamCaller(ctx: AppContext, request: Request, url: URL, protocolToken?: string): StreamCaller {
  const token = tokenFromRequest(request, url.searchParams) ?? protocolToken ?? null;
  if (!token) return { viewerId: null, tokenId: null, scopes: new Set() };
  const auth = authenticate(ctx, token);
  if (!auth) throw new StreamError(401, "Invalid access token");
  return { viewerId: auth.accountId, tokenId: auth.tokenId, scopes: auth.scopes };
}

/** The JSON error response Mastodon's streaming server gives before a stream opens. */
export function streamErrorResponse(e: StreamError): Response {
  return json({ error: e.message }, e.status);
}
