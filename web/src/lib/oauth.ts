/**
 * Sign-in the way any third-party app does it: register an app (POST /api/v1/apps), send the
 * browser to /oauth/authorize with a PKCE challenge, exchange the code at POST /oauth/token.
 */
import { base64url, sha256 } from "./sha256";
import { loadApp, loadSession, saveApp, saveSession, type RegisteredApp } from "./session";
import { apiErrorText, readJson, UserError } from "./errors";

/** Scopes the web client asks for (admin ones only work for staff; the server checks the role). */
export const SCOPES = "read write follow push admin:read admin:write";
const PENDING_KEY = "hearth.oauth-pending";

/** Where the server sends the browser back after authorizing. */
export function redirectUri(): string {
  return location.origin + "/oauth-callback";
}

function randomString(bytes = 32): string {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  return base64url(a);
}

async function registerApp(): Promise<RegisteredApp> {
  const uri = redirectUri();
  const existing = loadApp(uri);
  // An app registered before the scopes changed cannot ask for the new ones: register again.
  if (existing && existing.scopes === SCOPES) return existing;
  const res = await fetch("/api/v1/apps", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ client_name: "Hearth Web", redirect_uris: uri, scopes: SCOPES, website: location.origin }),
  });
  const body = await readJson(res);
  if (!res.ok) throw new UserError(apiErrorText(res.status, body, "register this app with the server"));
  const app = { clientId: body.client_id, clientSecret: body.client_secret, redirectUri: uri, scopes: SCOPES };
  saveApp(app);
  return app;
}

/** Starts sign-in: registers the app if needed and leaves for the server's authorize page. */
export async function beginSignIn(returnTo = "/home"): Promise<void> {
  const app = await registerApp();
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await sha256(verifier));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo }));
  const q = new URLSearchParams({
    response_type: "code",
    client_id: app.clientId,
    redirect_uri: app.redirectUri,
    scope: SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`/oauth/authorize?${q}`);
}

/** Finishes sign-in on /oauth-callback; returns the path to go to next. */
export async function finishSignIn(params: URLSearchParams): Promise<string> {
  const err = params.get("error");
  if (err)
    throw new UserError(
      params.get("error_description") || (err === "access_denied" ? "You chose not to authorize the app." : `The server said: ${err}`),
    );
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null") as { verifier: string; state: string; returnTo: string } | null;
  const code = params.get("code");
  if (!pending || !code) throw new UserError("This sign-in link has expired. Please sign in again.");
  if (pending.state !== params.get("state"))
    throw new UserError("The sign-in response did not match this browser's request. Please sign in again.");
  const app = loadApp(redirectUri());
  if (!app) throw new UserError("This browser lost its app registration. Please sign in again.");
  const res = await fetch("/oauth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "authorization_code",
      code,
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: app.redirectUri,
      code_verifier: pending.verifier,
      scope: SCOPES,
    }),
  });
  const body = await readJson(res);
  if (!res.ok) {
    // A deleted app (e.g. a reset database) must not trap the browser in a failing loop.
    if (res.status === 401 || body?.error === "invalid_client") saveApp(null);
    throw new UserError(apiErrorText(res.status, body, "finish signing in"));
  }
  sessionStorage.removeItem(PENDING_KEY);
  saveSession({ accessToken: body.access_token });
  return pending.returnTo || "/home";
}

/** The Cache Storage entry with what the service worker needs to renew a push subscription (see public/sw.js). */
export const PUSH_CACHE = "hearth-push";

/**
 * Ends the server's browser session (its login cookie, so the next sign-in asks for the password
 * again), revokes the token (both best effort) and forgets the session.
 */
export async function signOut(): Promise<void> {
  const s = loadSession();
  const app = loadApp(redirectUri());
  saveSession(null);
  if (typeof caches !== "undefined") await caches.delete(PUSH_CACHE).catch(() => false);
  if (s) {
    await fetch("/auth/sign_out", { method: "POST", headers: { Authorization: `Bearer ${s.accessToken}` } }).catch(() => undefined);
  }
  if (s && app) {
    await fetch("/oauth/revoke", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, token: s.accessToken }),
    }).catch(() => undefined);
  }
}
