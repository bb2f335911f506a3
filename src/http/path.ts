/**
 * Guards on request paths: a path whose percent-encoding is malformed or not UTF-8 is refused
 * with 400 before any route or page sees it (as Rails' router does), and a path parameter holding
 * a control character (NUL, CR, LF, …) names nothing, so it answers 404 and never reaches a
 * query, a log line or a header.
 */
import { ApiError } from "../model/errors";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when the raw path's %-escapes do not decode to UTF-8 (`%ff`, `%zz`, a lone `%`, an encoded surrogate). */
export function malformedPath(rawPath: string): boolean {
  if (!rawPath.includes("%")) return false;
  try {
    decodeURIComponent(rawPath);
    return false;
  } catch {
    return true;
  }
}

/**
 * The path of a request's URL as it is written there, undecoded: `new URL(url).pathname` without
 * parsing the URL again (a Request's URL is already in its serialized, normalized form).
 */
export function requestPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const q = url.indexOf("?", start);
  const h = url.indexOf("#", start);
  const end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/**
 * A 400 JSON answer for a request whose path is malformed, else undefined (for an onRequest
 * hook). Paths under `/@` pass: the public pages decode their names themselves and answer a
 * malformed one with their 404 page.
 */
export function malformedPathResponse(request: Request): Response | undefined {
  const path = requestPath(request.url);
  if (path.startsWith("/@") || !malformedPath(path)) return undefined;
  return new Response(JSON.stringify({ error: "Invalid percent-encoding in the request path" }), {
    status: 400,
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
}

/**
 * The route's path parameters as the router decoded them (decoding them again would turn
 * `%2500` into NUL); 404 when one holds a control character, since no record is named so.
 */
export function pathParams(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== "string") continue;
    if (CONTROL.test(v)) throw new ApiError(404, "Record not found");
    out[k] = v;
  }
  return out;
}

/**
 * The URL a client addressed, as it wrote it: the request's URL with the instance's public scheme.
 * Behind a TLS proxy the server sees `http://host/inbox` while the peer signed `https://host/inbox`
 * (RFC 9421's `@target-uri` and `@scheme` cover the scheme); Mastodon reads it from the trusted
 * proxy's forwarded protocol, Hearth from PROTOCOL, which names the scheme its public URLs use.
 */
export function publicRequestUrl(requestUrl: string, protocol: "http" | "https"): string {
  const colon = requestUrl.indexOf(":");
  return colon < 0 ? requestUrl : `${protocol}${requestUrl.slice(colon)}`;
}
