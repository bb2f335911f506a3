/** POST /oauth/revoke: a client revokes one of its tokens; answers `{}`. */
import type { Req } from "../http/route";
import { revokeClientToken } from "../services/oauth/revoke";
import { clientCredentials, oauthJson, oauthParam } from "./client-params";

/** Handler for POST /oauth/revoke. */
export function postRevoke(q: Req): Promise<Response> {
  return oauthJson(() => {
    revokeClientToken(q.ctx, { ...clientCredentials(q), token: oauthParam(q, "token") });
    return {};
  });
}
