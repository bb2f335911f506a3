/** Reads OAuth request parameters and client credentials (HTTP Basic or body) for token endpoints. */
import type { Req } from "../http/route";
import { OAuthError } from "../services/oauth/errors";

/** A string parameter; anything other than a string is an invalid_request. */
export function oauthParam(q: Req, key: string): string | undefined {
  const v = q.input[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string" || v.length > 4096) throw new OAuthError(400, "invalid_request");
  return v;
}

/** client_id/client_secret from `Authorization: Basic` (preferred, RFC 6749 §2.3.1) or the body. */
export function clientCredentials(q: Req): { clientId?: string; clientSecret?: string } {
  const h = q.request.headers.get("authorization");
  const m = h ? /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(h) : null;
  if (m) {
    const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i < 0) throw new OAuthError(401, "invalid_client");
    try {
      return {
        clientId: decodeURIComponent(decoded.slice(0, i).replace(/\+/g, " ")),
        clientSecret: decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, " ")),
      };
    } catch {
      throw new OAuthError(401, "invalid_client");
    }
  }
  return { clientId: oauthParam(q, "client_id"), clientSecret: oauthParam(q, "client_secret") };
}

/** Runs an OAuth handler, rendering OAuthErrors as Doorkeeper does (no-store, JSON). */
export async function oauthJson(fn: () => Promise<unknown> | unknown): Promise<Response> {
  const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", Pragma: "no-cache" };
  try {
    return new Response(JSON.stringify(await fn()), { status: 200, headers });
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e;
    const h: Record<string, string> = { ...headers };
    if (e.status === 401) h["WWW-Authenticate"] = `Basic realm="Doorkeeper", error="${e.code}"`;
    return new Response(JSON.stringify(e.toJSON()), { status: e.status, headers: h });
  }
}
