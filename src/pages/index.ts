/**
 * Route group: server-rendered pages: the first-run page at `/` until an account exists, and
 * the OAuth authorization pages (/oauth/authorize). Public and account pages register in
 * pages/public and pages/account.
 */
import { anyUserExists } from "../db/queries/users";
import type { Req, Router } from "../http/route";
import { hasWebClient, indexResponse } from "../web-client";
import { registerAuthorize } from "./oauth/authorize";
import { rootPage } from "./root";

export default function register(r: Router): void {
  // Until the owner account exists, `/` explains how to create it (the app could not sign in
  // anyway); afterwards the embedded web client owns `/`, with this page as its fallback.
  r.get<Req>("/", { auth: "none" }, (q) => {
    const anyone = anyUserExists(q.ctx.db);
    if (anyone && hasWebClient()) return indexResponse(q.ctx, q.request);
    return rootPage(q);
  });
  registerAuthorize(r);
}
