/**
 * Route group: the server-rendered account security pages, as Mastodon serves them outside its
 * client API: /auth/sign_in and /auth/sign_out, /auth/security (password, sessions),
 * /auth/two_factor, /oauth/authorized_applications, and the pages mail links to (password reset,
 * e-mail confirmation). They use the browser session cookie of
 * the OAuth login; every POST carries the session's CSRF token; pages are never framed or cached.
 */
import type { Req, Router } from "../../http/route";
import { registerAuthorizedApps } from "./authorized-apps";
import { registerMailLinks } from "./mail-links";
import { registerOverview } from "./overview";
import { getSignIn, postSignIn, postSignOut } from "./sign-in";
import { registerTwoFactor } from "./two-factor";

export default function register(r: Router): void {
  r.get<Req>("/auth/sign_in", { auth: "none" }, getSignIn);
  r.post<Req>("/auth/sign_in", { auth: "none" }, postSignIn(r));
  r.post<Req>("/auth/sign_out", { auth: "none" }, postSignOut);
  registerOverview(r);
  registerTwoFactor(r);
  registerAuthorizedApps(r);
  registerMailLinks(r);
}
