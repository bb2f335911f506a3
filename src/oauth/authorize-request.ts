/** Validates the query of an authorization request (GET or POST /oauth/authorize). */
import type { AppContext } from "../context";
import type { Params } from "../http/params";
import { parseScopes, withinApp } from "../model/scopes";
import { findClient, redirectUrisOf } from "../services/oauth/clients";
import { OAUTH_DESCRIPTIONS, type OAuthErrorCode } from "../services/oauth/errors";
import { OOB_URI } from "../services/oauth/create-app";
import { isValidChallenge } from "../services/oauth/pkce";
import type { AppRow } from "../services/oauth/tokens";

/** A checked authorization request, ready for the login and consent pages. */
export interface AuthorizeRequest {
  app: AppRow;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  codeChallenge: string | null;
  forceLogin: boolean;
}

export type AuthorizeCheck =
  | { kind: "ok"; req: AuthorizeRequest }
  /** The client or redirect URI cannot be trusted: show an error page, never redirect. */
  | { kind: "fatal"; message: string }
  /** The client is known: report the error to its redirect URI. */
  | { kind: "redirect"; location: string };

/** Appends query parameters to a redirect URI (which may use a custom scheme or carry a query). */
export function withQuery(uri: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, v);
  return uri + (uri.includes("?") ? "&" : "?") + q.toString();
}

function s(p: Params, k: string): string | undefined | null {
  const v = p[k];
  if (v === undefined || v === null || v === "") return undefined;
  return typeof v === "string" && v.length <= 4096 ? v : null;
}

/** Checks client, redirect URI, response type, scopes and PKCE like Doorkeeper's pre-authorization. */
export function checkAuthorizeRequest(ctx: AppContext, p: Params): AuthorizeCheck {
  const clientId = s(p, "client_id");
  const app = clientId ? findClient(ctx, clientId) : null;
  if (!app) return { kind: "fatal", message: OAUTH_DESCRIPTIONS.invalid_client };
  const registered = redirectUrisOf(app);
  let redirectUri = s(p, "redirect_uri");
  if (redirectUri === undefined && registered.length === 1) redirectUri = registered[0]!;
  if (!redirectUri || !registered.includes(redirectUri)) return { kind: "fatal", message: "The redirect uri included is not valid." };
  const state = s(p, "state");
  if (state === null) return { kind: "fatal", message: OAUTH_DESCRIPTIONS.invalid_request };
  const fail = (code: OAuthErrorCode, description: string = OAUTH_DESCRIPTIONS[code]): AuthorizeCheck =>
    redirectUri === OOB_URI
      ? { kind: "fatal", message: description }
      : { kind: "redirect", location: withQuery(redirectUri!, { error: code, error_description: description, state }) };
  if (s(p, "response_type") !== "code") return fail("unsupported_response_type");
  const scope = s(p, "scope");
  if (scope === null) return fail("invalid_scope");
  const { scopes, invalid } = parseScopes(scope);
  if (invalid.length || !withinApp(scopes, app.scopes.split(" "))) return fail("invalid_scope");
  const challenge = s(p, "code_challenge");
  const method = s(p, "code_challenge_method");
  if (challenge === null || method === null) return fail("invalid_request");
  if (challenge !== undefined) {
    if ((method ?? "plain") !== "S256") return fail("invalid_request", "Invalid code_challenge_method: only S256 is supported.");
    if (!isValidChallenge(challenge)) return fail("invalid_request", "Invalid code_challenge.");
  } else if (method !== undefined) {
    return fail("invalid_request", "Missing required parameter: code_challenge.");
  }
  const force = s(p, "force_login");
  return {
    kind: "ok",
    req: {
      app,
      redirectUri,
      scopes,
      state: state ?? null,
      codeChallenge: challenge ?? null,
      forceLogin: force === "true" || force === "1",
    },
  };
}

/** The hidden form fields that carry an authorization request through the login and consent forms. */
export function requestFields(req: AuthorizeRequest): Record<string, string> {
  const f: Record<string, string> = {
    response_type: "code",
    client_id: req.app.client_id,
    redirect_uri: req.redirectUri,
    scope: req.scopes.join(" "),
  };
  if (req.state !== null) f.state = req.state;
  if (req.codeChallenge) {
    f.code_challenge = req.codeChallenge;
    f.code_challenge_method = "S256";
  }
  return f;
}
