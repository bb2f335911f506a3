/**
 * Route group: server-rendered public pages for browsers arriving from elsewhere: `/@name`
 * (profile), `/@name/:id` (status) and `/@name/tagged/:tag` (posts with a hashtag), readable
 * without JavaScript, with OpenGraph tags. ActivityPub requests for the same paths are handed
 * to the federation side; remote handles (`/@user@domain`) redirect to the account's own page.
 */
import type { AppContext } from "../../context";
import { getStatus } from "../../db/queries/statuses";
import type { AccountRow } from "../../db/rows";
import type { Router } from "../../http/route";
import { parseId } from "../../model/ids";
import { isLocalDomain } from "../../model/uris";
import { findByHandle } from "../../services/accounts/find";
import { setting } from "../../services/instance/stats";
import { esc, pageResponse, publicLayout } from "../layout";
import { profilePage } from "./profile";
import { statusPage } from "./status";
import { taggedPage } from "./tagged";

function siteName(ctx: AppContext): string {
  return setting(ctx, "site_title") ?? ctx.config.instanceTitle;
}

/** The 404 page for unknown, suspended or non-public things (same page for all: no probing). */
export function notFoundPage(ctx: AppContext): string {
  return publicLayout(
    {
      title: "Not found",
      description: "This page does not exist or is not public.",
      url: ctx.uris.base,
      type: "website",
      siteName: siteName(ctx),
      noindex: true,
    },
    `<section class="card"><div class="profile-body"><h1>This page is not here</h1>
<p>It may never have existed, it may have been deleted, or it may not be public.</p>
<p><a href="/">Go to ${esc(siteName(ctx))}</a></p></div></section>`,
    "/home",
  );
}

function localAccount(ctx: AppContext, name: string): AccountRow | null {
  const a = findByHandle(ctx, name, null);
  return a && a.suspended_at === null ? a : null;
}

/** Answers a GET/HEAD under `/@`; null when `path` is not a public-page path at all. */
export async function publicPage(ctx: AppContext, request: Request, url: URL): Promise<Response | null> {
  const path = url.pathname.replace(/\/+$/, "");
  const m = /^\/@([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!path.startsWith("/@")) return null;
  const method = request.method;
  // ActivityPub clients asking for the same URL got the actor or object document before this (activitypub/inbound/routes/negotiate.ts).
  const notFound = () => pageResponse(notFoundPage(ctx), 404, method);
  const tagged = /^\/@([^/@]+)\/tagged\/([^/]+)$/.exec(path);
  if (tagged) {
    let name: string, tag: string;
    try {
      [name, tag] = [decodeURIComponent(tagged[1]!), decodeURIComponent(tagged[2]!)];
    } catch {
      return notFound();
    }
    const account = localAccount(ctx, name);
    const html = account ? taggedPage(ctx, siteName(ctx), account, tag, url.searchParams.get("max_id")) : null;
    return html ? pageResponse(html, 200, method) : notFound();
  }
  if (!m) return notFound();
  let name: string, idPart: string | undefined;
  try {
    name = decodeURIComponent(m[1]!);
    idPart = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  } catch {
    return notFound();
  }
  const at = name.indexOf("@");
  if (at >= 0) {
    const domain = name.slice(at + 1);
    const username = name.slice(0, at);
    if (isLocalDomain(ctx.config, domain)) {
      return Response.redirect(ctx.uris.profile(encodeURIComponent(username)) + (idPart ? `/${encodeURIComponent(idPart)}` : ""), 301);
    }
    const remote = idPart === undefined && username && domain ? findByHandle(ctx, username, domain) : null;
    const target = remote && remote.suspended_at === null ? remote.url || remote.uri : null;
    return target && /^https?:\/\//i.test(target)
      ? new Response(null, { status: 302, headers: { Location: target, "Cache-Control": "no-cache" } })
      : notFound();
  }
  const account = localAccount(ctx, name);
  if (!account) return notFound();
  if (idPart === undefined) return pageResponse(profilePage(ctx, siteName(ctx), account, url.searchParams.get("max_id")), 200, method);
  const id = parseId(idPart);
  const s = id === undefined ? null : getStatus(ctx.db, id);
  const html = s ? statusPage(ctx, siteName(ctx), account, s) : null;
  return html ? pageResponse(html, 200, method) : notFound();
}

export default function register(r: Router): void {
  // Elysia's router cannot match "/@:name", so the pages answer before routing; every other
  // request passes straight through (one string check).
  (r.app as any).onRequest(async ({ request }: { request: Request }) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    const url = new URL(request.url);
    if (!url.pathname.startsWith("/@")) return;
    try {
      return (await publicPage(r.ctx, request, url)) ?? undefined;
    } catch (e) {
      r.ctx.log.error(`public page ${url.pathname} failed: ${String(e)}`);
      return pageResponse(notFoundPage(r.ctx).replace("This page is not here", "Something went wrong"), 500, request.method);
    }
  });
}
