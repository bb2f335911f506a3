/** Content negotiation on the Accept header: does the client want ActivityPub or HTML? */

/**
 * True when the Accept header asks for ActivityPub: `application/activity+json`,
 * `application/ld+json` (with or without the ActivityStreams profile) ahead of `text/html`,
 * or `application/json` without `text/html`.
 */
export function isActivityPubRequest(request: Request): boolean {
  const a = (request.headers.get("accept") ?? "").toLowerCase();
  if (!a) return false;
  const positions = ["application/activity+json", "application/ld+json"].map((t) => a.indexOf(t)).filter((i) => i >= 0);
  const html = a.indexOf("text/html");
  if (positions.length) return html < 0 || Math.min(...positions) < html;
  return html < 0 && a.includes("application/json");
}
