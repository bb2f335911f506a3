/** Route group: the OAuth 2 endpoints (authorize pages, token, revoke) and their metadata. */
import type { Req, Router } from "../http/route";
import { getAuthorize, postAuthorize } from "./authorize";
import { getAuthorizationServerMetadata } from "./metadata";
import { postRevoke } from "./revoke";
import { postToken } from "./token";

export default function register(r: Router): void {
  r.get<Req>("/oauth/authorize", { auth: "none" }, getAuthorize);
  r.post<Req>("/oauth/authorize", { auth: "none" }, postAuthorize(r));
  r.post<Req>("/oauth/token", { auth: "none" }, postToken(r));
  r.post<Req>("/oauth/revoke", { auth: "none" }, postRevoke);
  r.get<Req>("/.well-known/oauth-authorization-server", { auth: "none" }, getAuthorizationServerMetadata);
}
