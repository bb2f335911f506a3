/** GET /.well-known/webfinger?resource=acct:user@domain | actor URL | profile URL → JRD. */
import type { AppContext } from "../../../context";
import { getLocalAccountByUri, getLocalOrInstanceAccountByUsername } from "../../../db/queries/accounts";
import type { AccountRow } from "../../../db/rows";
import { serveDocument, type BuiltDocument } from "../../../http/cached-document";
import type { Req } from "../../../http/route";
import { isLocalDomain } from "../../../model/uris";
import { avatarUrl } from "../../../serializers/mastodon/account";

const JRD_TYPE = "application/jrd+json; charset=utf-8";
const jrdHeaders = (status: number) => ({
  "Access-Control-Allow-Origin": "*",
  Vary: "Accept",
  "Cache-Control": status === 200 ? "public, max-age=259200" : "no-store",
});

function jrd(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": JRD_TYPE, ...jrdHeaders(status) } });
}

/**
 * The local account a resource names, or null (remote domains and unknown names). As Mastodon:
 * `acct:` on LOCAL_DOMAIN or WEB_DOMAIN, URLs only on WEB_DOMAIN (where they are made).
 */
export function accountForResource(ctx: AppContext, resource: string): AccountRow | null {
  const byName = (n: string) => getLocalOrInstanceAccountByUsername(ctx.db, n);
  const r = resource.trim();
  const acct = /^(?:acct:)?@?([^@\s/]+)@([^@\s/]+)$/i.exec(r);
  if (acct && !/^https?:/i.test(r)) return isLocalDomain(ctx.config, acct[2]!) ? byName(acct[1]!) : null;
  let url: URL;
  try {
    url = new URL(r);
  } catch {
    return null;
  }
  if (url.host.toLowerCase() !== ctx.uris.host) return null;
  const path = decodeURIComponent(url.pathname).replace(/\/+$/, "");
  if (path === "/actor") return getLocalAccountByUri(ctx.db, ctx.uris.url("/actor"));
  const m = /^\/(?:users\/|@)([^/@]+)$/.exec(path);
  return m ? byName(m[1]!) : null;
}

/** The JRD of local account `a` (the same whichever resource named it), kept until the account changes. */
export function webfingerDocument(ctx: AppContext, a: AccountRow): BuiltDocument {
  const isInstance = a.actor_type === "Application" && a.uri === ctx.uris.url("/actor");
  const profile = isInstance ? (a.url ?? ctx.uris.base) : ctx.uris.profile(a.username);
  const links: Record<string, unknown>[] = [
    { rel: "http://webfinger.net/rel/profile-page", type: "text/html", href: profile },
    { rel: "self", type: "application/activity+json", href: a.uri },
  ];
  if (!isInstance) {
    links.push({ rel: "http://ostatus.org/schema/1.0/subscribe", template: ctx.uris.authorizeInteraction() });
    if (a.avatar_path) links.push({ rel: "http://webfinger.net/rel/avatar", type: "image/png", href: avatarUrl(ctx, a) });
  }
  const body = { subject: `acct:${a.username}@${ctx.config.localDomain}`, aliases: isInstance ? [a.uri] : [profile, a.uri], links };
  return { text: JSON.stringify(body), contentType: JRD_TYPE, headers: jrdHeaders(200), accounts: [a.id] };
}

/** Handler: the JRD document for a local account; 400 without `resource`, 404 when unknown. */
export function webfingerHandler(q: Req): Response | Promise<Response> {
  const ctx = q.ctx;
  const resource = typeof q.input.resource === "string" ? q.input.resource : "";
  if (!resource) return jrd({ error: "Missing resource parameter" }, 400);
  const a = accountForResource(ctx, resource);
  if (!a || a.suspended_at !== null) return jrd({ error: "Record not found" }, 404);
  return serveDocument(ctx, q.request, `webfinger:${a.id}`, () => webfingerDocument(ctx, a));
}
