/**
 * Embedding a post elsewhere: `/@name/:id/embed` (a minimal page other sites may frame) and
 * `/api/oembed?url=…` (JSON oEmbed 1.0, type rich, an iframe to that page), as Mastodon's.
 */
import type { AppContext } from "../../context";
import { getLocalAccountByUsername } from "../../db/queries/accounts";
import { getStatus } from "../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../db/rows";
import { loadStatusViews } from "../../db/views/statuses";
import { parseId } from "../../model/ids";
import { ANONYMOUS, mayViewStatus } from "../../model/visibility";
import { embedLayout, esc } from "../layout";
import { fullAcct, nameOf, renderStatus } from "./render";

const DEFAULT_WIDTH = 400;
const DEFAULT_HEIGHT = 420;

/** A local status a visitor may embed (public or unlisted, not a boost, by an unsuspended author). */
function embeddable(account: AccountRow | null, s: StatusRow | null): s is StatusRow {
  return (
    !!account &&
    !!s &&
    account.suspended_at === null &&
    s.account_id === account.id &&
    s.reblog_of_id === null &&
    mayViewStatus(s.visibility, ANONYMOUS)
  );
}

/** The embed page of status `s` by `account` (the caller found both), or null when it may not be shown. */
export function embedPage(ctx: AppContext, siteName: string, account: AccountRow, s: StatusRow): string | null {
  if (!embeddable(account, s)) return null;
  const v = loadStatusViews(ctx, [s.id], null).get(s.id) as Record<string, any> | undefined;
  if (!v) return null;
  const a = v.account as Record<string, any>;
  const body = `<h1 class="visually-hidden">Post by ${esc(nameOf(a))}</h1>
<section class="card" aria-label="Post">${renderStatus(v, ctx.config.localDomain, true, false)}
<p class="pager"><a href="${esc(v.url)}">View on ${esc(siteName)}</a> · <a href="${esc(ctx.uris.interactWith(String(v.uri)))}">Reply, boost or favourite</a></p></section>`;
  return embedLayout(`Post by ${nameOf(a)} (${fullAcct(a, ctx.config.localDomain)})`, body, v.language || "en");
}

/** The local status a URL names (`/@name/:id` or `/users/name/statuses/:id` on this instance), else null. */
function statusOfUrl(ctx: AppContext, raw: string): { account: AccountRow; status: StatusRow } | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.origin !== new URL(ctx.uris.base).origin) return null;
  const m = /^\/@([^/@]+)\/(\d+)\/?$/.exec(u.pathname) ?? /^\/users\/([^/]+)\/statuses\/(\d+)\/?$/.exec(u.pathname);
  if (!m) return null;
  let name: string;
  try {
    name = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  const account = getLocalAccountByUsername(ctx.db, name);
  const id = parseId(m[2]!);
  const status = id === undefined ? null : getStatus(ctx.db, id);
  return embeddable(account, status) ? { account: account!, status } : null;
}

function dim(v: string | null, fallback: number): number {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? Math.min(n, 4000) : fallback;
}

/** GET /api/oembed: the oEmbed JSON for a local public post; 404 for anything else, 501 for XML. */
export function oembedResponse(ctx: AppContext, params: URLSearchParams): Response {
  const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" };
  if (params.get("format") && params.get("format") !== "json") return new Response('{"error":"Not implemented"}', { status: 501, headers });
  const found = statusOfUrl(ctx, params.get("url") ?? "");
  const v = found ? (loadStatusViews(ctx, [found.status.id], null).get(found.status.id) as Record<string, any> | undefined) : undefined;
  if (!found || !v) return new Response('{"error":"Record not found"}', { status: 404, headers });
  const width = dim(params.get("maxwidth"), DEFAULT_WIDTH);
  const height = dim(params.get("maxheight"), DEFAULT_HEIGHT);
  const src = ctx.uris.statusEmbed(found.account.username, found.status.id);
  const a = v.account as Record<string, any>;
  const html = `<iframe src="${esc(src)}" class="hearth-embed mastodon-embed" title="Post by ${esc(nameOf(a))}" style="max-width: 100%; border: 0" width="${width}" height="${height}" allowfullscreen="allowfullscreen" loading="lazy"></iframe>`;
  const body = {
    type: "rich",
    version: "1.0",
    title: `New status by ${a.acct}`,
    author_name: nameOf(a),
    author_url: String(a.url),
    provider_name: ctx.config.localDomain,
    provider_url: `${ctx.uris.base}/`,
    cache_age: 86400,
    html,
    width,
    height,
  };
  return new Response(JSON.stringify(body), { headers });
}
