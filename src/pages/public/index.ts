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
import { requestPath } from "../../http/path";
import { parseId } from "../../model/ids";
import { isLocalDomain } from "../../model/uris";
import { findByHandle } from "../../services/accounts/find";
import { setting } from "../../services/instance/stats";
import { esc, pageResponse, publicLayout } from "../layout";
import { hasWebClient } from "../../web-client";
import { aboutPage, policyPage } from "./about";
import { embedPage, oembedResponse } from "./embed";
import { authorizeInteraction, signedIn } from "./interact";
import { accountRss, rssResponse, tagRss } from "./rss";
import { manifestJson, robotsTxt, securityTxt } from "./site-files";
import { tagPage } from "./tag";
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

/** Site-wide pages and files outside `/@` (null when `path` is none of them). */
async function sitePage(ctx: AppContext, request: Request, url: URL, path: string): Promise<Response | null> {
  const method = request.method;
  const notFound = () => pageResponse(notFoundPage(ctx), 404, method);
  switch (path) {
    case "/about":
      return pageResponse(aboutPage(ctx), 200, method);
    case "/privacy-policy":
      return pageResponse(policyPage(ctx, "privacy"), 200, method);
    case "/terms-of-service":
      return pageResponse(policyPage(ctx, "terms"), 200, method);
    case "/robots.txt":
      return robotsTxt(method);
    case "/.well-known/security.txt":
      return securityTxt(ctx, method);
    case "/manifest.json":
      return manifestJson(ctx, method);
    case "/favicon.ico":
      return hasWebClient() ? new Response(null, { status: 301, headers: { Location: "/icon-192.png" } }) : null;
    case "/api/oembed":
      return oembedResponse(ctx, url.searchParams);
    case "/authorize_interaction":
      return authorizeInteraction(ctx, siteName(ctx), request, url);
  }
  const tag = /^\/tags\/([^/]+)$/.exec(path);
  if (!tag) return null;
  let name: string;
  try {
    name = decodeURIComponent(tag[1]!);
  } catch {
    return notFound();
  }
  if (name.endsWith(".rss")) {
    const xml = tagRss(ctx, siteName(ctx), name.slice(0, -4));
    return xml ? rssResponse(xml, method) : notFound();
  }
  // Signed-in users (a session cookie) get the web client's own hashtag screen at the same URL.
  if (hasWebClient() && signedIn(ctx, request)) return null;
  const html = tagPage(ctx, siteName(ctx), name, url.searchParams.get("max_id"));
  return html ? pageResponse(html, 200, method) : notFound();
}

/** Answers a GET/HEAD for a public page or file; null when `path` is not one at all. */
export async function publicPage(ctx: AppContext, request: Request, url: URL): Promise<Response | null> {
  const path = url.pathname.replace(/\/+$/, "");
  if (!path.startsWith("/@")) return sitePage(ctx, request, url, path);
  const method = request.method;
  // ActivityPub clients asking for the same URL got the actor or object document before this (activitypub/inbound/routes/negotiate.ts).
  const notFound = () => pageResponse(notFoundPage(ctx), 404, method);
  const rss = /^\/@([^/@]+)\.rss$/.exec(path);
  if (rss) {
    let account: AccountRow | null = null;
    try {
      account = localAccount(ctx, decodeURIComponent(rss[1]!));
    } catch {}
    if (!account) return notFound();
    const feed = accountRss(ctx, account);
    return rssResponse(feed.xml, method, feed.noindex);
  }
  const sub = /^\/@([^/@]+)\/(with_replies|media|(\d+)\/embed)$/.exec(path);
  if (sub) {
    let name: string;
    try {
      name = decodeURIComponent(sub[1]!);
    } catch {
      return notFound();
    }
    const account = localAccount(ctx, name);
    if (!account) return notFound();
    if (sub[3] === undefined) {
      const tab = sub[2] as "with_replies" | "media";
      return pageResponse(profilePage(ctx, siteName(ctx), account, url.searchParams.get("max_id"), tab), 200, method);
    }
    const id = parseId(sub[3]);
    const s = id === undefined ? null : getStatus(ctx.db, id);
    const html = s ? embedPage(ctx, siteName(ctx), account, s) : null;
    return html ? pageResponse(html, 200, method) : notFound();
  }
  const m = /^\/@([^/]+)(?:\/([^/]+))?$/.exec(path);
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

/** Paths outside `/@` and `/tags/` that sitePage answers. */
const SITE_PATHS = new Set([
  "/about",
  "/privacy-policy",
  "/terms-of-service",
  "/robots.txt",
  "/.well-known/security.txt",
  "/manifest.json",
  "/favicon.ico",
  "/api/oembed",
  "/authorize_interaction",
]);

export default function register(r: Router): void {
  // Elysia's router cannot match "/@:name", so the pages answer before routing; every other
  // request passes straight through (one string check).
  (r.app as any).onRequest(async ({ request }: { request: Request }) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    // The path without parsing the URL: this runs on every request.
    const p = requestPath(request.url);
    if (!p.startsWith("/@") && !p.startsWith("/tags/") && !SITE_PATHS.has(p.replace(/\/+$/, ""))) return;
    const url = new URL(request.url);
    try {
      return (await publicPage(r.ctx, request, url)) ?? undefined;
    } catch (e) {
      r.ctx.log.error(`public page ${url.pathname} failed: ${String(e)}`);
      return pageResponse(notFoundPage(r.ctx).replace("This page is not here", "Something went wrong"), 500, request.method);
    }
  });
}
