/**
 * RFC 8292 VAPID: an ES256 JWT (signed with jose) naming the push service's origin (`aud`), an
 * expiry under 24 hours and a contact (`sub`), sent as `Authorization: vapid t=…, k=…`; legacy
 * (`aesgcm`) subscriptions get draft 01's `WebPush <jwt>` with the key in `Crypto-Key: p256ecdsa=`.
 */
import { importJWK, SignJWT } from "jose";

/** How long a VAPID token stays valid (RFC 8292 caps it at 24 hours). */
export const VAPID_TOKEN_TTL_S = 12 * 3600;

/** The signed JWT for one push service origin. */
export async function vapidJwt(
  keys: { publicKey: string; privateKey: string },
  audience: string,
  subject: string,
  nowMs: number,
): Promise<string> {
  const point = Buffer.from(keys.publicKey, "base64url");
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: point.subarray(1, 33).toString("base64url"),
    y: point.subarray(33, 65).toString("base64url"),
    d: keys.privateKey,
  };
  const key = await importJWK(jwk, "ES256");
  return new SignJWT({ sub: subject })
    .setProtectedHeader({ typ: "JWT", alg: "ES256" })
    .setAudience(audience)
    .setExpirationTime(Math.floor(nowMs / 1000) + VAPID_TOKEN_TTL_S)
    .sign(key);
}
