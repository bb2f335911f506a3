/**
 * Who is fetching: verifies the HTTP signature of a GET (when present, or always under
 * AUTHORIZED_FETCH) and refuses signers from suspended domains.
 */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { domainPolicy } from "../../outbound/domain-policy";
import { resolveAccountByUri } from "../../../services/federation/resolve-account";
import { hostOf } from "../../../serializers/activitypub/json-ld";
import { verifyRequest } from "../../outbound/signatures";
import { publicRequestUrl } from "../../../http/path";

/** The fetcher's account (null when anonymous), or the status and reason to refuse with. */
export type FetchAuth = { ok: true; signer: AccountRow | null } | { ok: false; status: 401 | 403; reason: string };

/**
 * Checks a GET's signature. Without AUTHORIZED_FETCH a missing or bad signature just means
 * anonymous, and the signature is only verified when `wantSigner` (private documents), as
 * Mastodon loads the signed account lazily.
 */
export async function authorizeFetch(ctx: AppContext, request: Request, wantSigner = false): Promise<FetchAuth> {
  // Limited federation implies authorized fetch, as in Mastodon: an unsigned fetch is a 401.
  const secure = ctx.config.authorizedFetch || ctx.config.limitedFederationMode;
  const signed = request.headers.has("signature") || request.headers.has("signature-input");
  if (!signed) return secure ? { ok: false, status: 401, reason: "Request not signed" } : { ok: true, signer: null };
  const keyHost = /keyid="([^"]+)"/i.exec(request.headers.get("signature") ?? request.headers.get("signature-input") ?? "")?.[1];
  const host = keyHost ? hostOf(keyHost) : null;
  if (host && domainPolicy(ctx, host)?.severity === "suspend") return { ok: false, status: 403, reason: "Domain blocked" };
  if (!secure && !wantSigner) return { ok: true, signer: null };
  let signer: AccountRow | null = null;
  const result = await verifyRequest(
    { method: request.method, url: publicRequestUrl(request.url, ctx.config.protocol), headers: request.headers, body: "" },
    async (keyId, refresh) => {
      const a = await resolveAccountByUri(ctx, keyId, { refresh });
      if (!a?.public_key_pem) return null;
      signer = a;
      return { publicKeyPem: a.public_key_pem, ownerUri: a.uri };
    },
    ctx.now(),
  );
  if (!result.ok) return secure ? { ok: false, status: 401, reason: result.reason } : { ok: true, signer: null };
  const who = signer as AccountRow | null;
  if (who?.domain && domainPolicy(ctx, who.domain)?.severity === "suspend") return { ok: false, status: 403, reason: "Domain blocked" };
  if (who?.suspended_at) return { ok: false, status: 403, reason: "Account suspended" };
  return { ok: true, signer: who };
}
