/**
 * Route group: server-rendered pages: the first-run page at `/` until an account exists, then
 * the landing page for visitors (the web client for signed-in users), and the OAuth
 * authorization pages (/oauth/authorize). Public and account pages register in
 * pages/public and pages/account.
 */
import { anyUserExists } from "../db/queries/users";
import type { Req, Router } from "../http/route";
import { pagePolicy } from "../http/security-headers";
import { hasWebClient, indexHtmlText, indexResponse } from "../web-client";
import { htmlResponse } from "./layout";
import { signedIn } from "./public/interact";
import { LANDING_CSS, landingInClient, landingPage } from "./public/landing";
import { registerAuthorize } from "./oauth/authorize";
import { rootPage } from "./root";

export default function register(r: Router): void {
  // Until the owner account exists, `/` explains how to create it (the app could not sign in
  // anyway); afterwards the embedded web client owns `/`, with this page as its fallback.
  // Signed-in users (a session cookie) get the client itself; visitors get the landing page,
  // inside the client's document when it is embedded so the client takes over when it runs.
  r.get<Req>("/", { auth: "none" }, async (q) => {
    const anyone = anyUserExists(q.ctx.db);
    if (!anyone) return rootPage(q);
    if (hasWebClient() && signedIn(q.ctx, q.request)) return indexResponse(q.ctx, q.request);
    const index = hasWebClient() ? await indexHtmlText() : null;
    if (!index) return htmlResponse(landingPage(q.ctx));
    return htmlResponse(landingInClient(q.ctx, index), 200, [], {
      "Content-Security-Policy": pagePolicy(q.ctx, { scripts: true }),
      // A public page like any SPA route: revalidated on each load, same-origin referrers.
      "Cache-Control": "no-cache",
      "Referrer-Policy": "same-origin",
    });
  });
  r.get<Req>(
    "/landing.css",
    { auth: "none" },
    () => new Response(LANDING_CSS, { headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600" } }),
  );
  registerAuthorize(r);
}
