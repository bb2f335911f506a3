/**
 * Content negotiation for the public page URLs `/@name` and `/@name/:id`: ActivityPub clients
 * get the actor or status document. Registered as a request hook ahead of the public pages
 * (Elysia's router cannot match "/@:name"), so browsers still get the HTML pages.
 */
import type { AppContext } from "../../../context";
import type { Router } from "../../../http/route";
import { requestPath } from "../../../http/path";
import { isActivityPubRequest } from "../../../http/negotiate";
import { actorResponse, statusResponse } from "./documents";

/**
 * For an ActivityPub request of `/@name` or `/@name/:id` (path without query): the actor or
 * status document (or a 401/403/404 JSON error); null when the request wants HTML or the
 * path is not one of these (the public pages then render it).
 */
export async function apResponseFor(ctx: AppContext, request: Request, path: string): Promise<Response | null> {
  if (!isActivityPubRequest(request)) return null;
  const m = /^\/@([^/@]+)(?:\/(\d+))?\/?$/.exec(path);
  if (!m) return null;
  let name: string;
  try {
    name = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return m[2] === undefined ? actorResponse(ctx, request, name) : statusResponse(ctx, request, name, m[2]);
}

/** Answers ActivityPub GET/HEAD requests under `/@` before the public pages see them; others pass through. */
export function registerPageNegotiation(r: Router): void {
  (r.app as any).onRequest(async ({ request }: { request: Request }) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    // The path without parsing the URL: this runs on every request.
    const path = requestPath(request.url);
    if (!path.startsWith("/@")) return;
    return (await apResponseFor(r.ctx, request, path.replace(/\/+$/, ""))) ?? undefined;
  });
}
