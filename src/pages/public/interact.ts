/**
 * GET /authorize_interaction?uri=… (the subscribe template our WebFinger advertises). A signed-in
 * user (session cookie) is sent to the web client's view of the resolved account or post, where
 * following or replying happens; a visitor gets Mastodon's "from your own server" form: their
 * handle → their server's subscribe template → a redirect there carrying the URI.
 */
import type { AppContext } from "../../context";
import { getAccountByUriOrUrl } from "../../db/queries/accounts";
import { getStatusByUriOrUrl } from "../../db/queries/statuses";
import { readCookies } from "../../http/cookies";
import { resolveQuery } from "../../services/federation/resolve-url";
import { remoteInteractionUrl } from "../../services/federation/remote-interaction";
import { findWebSession } from "../../services/oauth/sessions";
import { SESSION_COOKIE } from "../account/login-flow";
import { esc, htmlResponse, publicLayout, redirectResponse } from "../layout";

/** True when the request carries a live browser session (a signed-in user). */
export function signedIn(ctx: AppContext, request: Request): boolean {
  return !!findWebSession(ctx, readCookies(request)[SESSION_COOKIE]);
}

function cleanUri(raw: string | null): string {
  return (raw ?? "").trim().replace(/^acct:/i, "");
}

/** What the URI names, from what this server already knows (no fetch for visitors). */
function describe(ctx: AppContext, uri: string): string {
  const s = /^https?:\/\//i.test(uri) ? getStatusByUriOrUrl(ctx.db, uri) : null;
  if (s) return "this post";
  const a = /^https?:\/\//i.test(uri) ? getAccountByUriOrUrl(ctx.db, uri) : null;
  if (a) return `@${a.username}${a.domain ? `@${a.domain}` : `@${ctx.config.localDomain}`}`;
  return "this";
}

function formPage(ctx: AppContext, siteName: string, uri: string, acct: string, error: string | null, status = 200): Response {
  const what = describe(ctx, uri);
  const body = `<section class="card" aria-labelledby="interact-title"><div class="profile-body">
<h1 id="interact-title">Interact from your own server</h1>
<p>To follow, reply to, boost or favourite ${esc(what)} you need an account on a server of the Fediverse, such as ${esc(siteName)} or any other.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="get" action="/authorize_interaction">
<input type="hidden" name="uri" value="${esc(uri)}">
<p><label for="acct">Your handle</label><br>
<input id="acct" name="acct" type="text" value="${esc(acct)}" placeholder="you@your.server" autocomplete="username" required spellcheck="false" autocapitalize="off"></p>
<p><button class="btn" type="submit">Continue on your server</button></p>
</form>
<p class="meta">Or <a href="/auth/sign_in">sign in</a> here.</p>
</div></section>`;
  return htmlResponse(
    publicLayout(
      {
        title: `Interact - ${siteName}`,
        description: "Follow, reply, boost or favourite from your own server.",
        url: ctx.uris.url("/authorize_interaction"),
        type: "website",
        siteName,
        noindex: true,
      },
      body,
      "/",
    ),
    status,
  );
}

/** Answers GET /authorize_interaction. */
export async function authorizeInteraction(ctx: AppContext, siteName: string, request: Request, url: URL): Promise<Response> {
  const uri = cleanUri(url.searchParams.get("uri") ?? url.searchParams.get("acct_uri"));
  if (!uri) return formPage(ctx, siteName, "", "", "Nothing to interact with was named.", 400);
  if (signedIn(ctx, request)) {
    const found = await resolveQuery(ctx, uri).catch(() => ({ account: null, status: null }));
    if (found.status) return redirectResponse(`/statuses/${found.status.id}`);
    if (found.account) return redirectResponse(`/accounts/${found.account.id}`);
    return formPage(ctx, siteName, uri, "", "This could not be found.", 404);
  }
  const acct = (url.searchParams.get("acct") ?? "").trim();
  if (!acct) return formPage(ctx, siteName, uri, "", null);
  try {
    return redirectResponse(await remoteInteractionUrl(ctx, acct, uri));
  } catch (e) {
    ctx.log.info(`remote interaction for ${acct} failed: ${String(e)}`);
    return formPage(ctx, siteName, uri, acct, "Your server could not be reached, or it does not offer this. Check your handle.", 422);
  }
}
