/**
 * Route group: the OAuth 2 protocol endpoints (token, revoke) and their metadata. The
 * authorization page flow (GET/POST /oauth/authorize) is HTML and lives in pages/oauth/.
 */
import type { Req, Router } from "../http/route";
import { getAuthorizationServerMetadata } from "./metadata";
import { postRevoke } from "./revoke";
import { postToken } from "./token";

export default function register(r: Router): void {
  r.post<Req>("/oauth/token", { auth: "none" }, postToken(r));
  r.post<Req>("/oauth/revoke", { auth: "none" }, postRevoke);
  r.get<Req>("/.well-known/oauth-authorization-server", { auth: "none" }, getAuthorizationServerMetadata);
}
