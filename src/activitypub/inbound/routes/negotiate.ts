/**
 * Content negotiation between ActivityPub documents and HTML pages for actor and status URLs.
 * `apResponseFor` is called by the public web pages for `/@name` and `/@name/:id`.
 */
import type { AppContext } from "../../../context";
import { actorResponse, statusResponse } from "./documents";

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

/**
 * For an ActivityPub request of `/@name` or `/@name/:id` (path without query): the actor or
 * status document (or a 401/403/404 JSON error); null when the request wants HTML or the
 * path is not one of these (the caller then renders its page).
 */
export async function apResponseFor(ctx: AppContext, request: Request, path: string): Promise<Response | null> {
  if (!isActivityPubRequest(request)) return null;
  const m = /^\/@([^/@]+)(?:\/(\d+))?\/?$/.exec(path);
  if (!m) return null;
  let name: string;
  try { name = decodeURIComponent(m[1]!); } catch { return null; }
  return m[2] === undefined ? actorResponse(ctx, request, name) : statusResponse(ctx, request, name, m[2]);
}
