/** PKCE (RFC 7636) with the S256 method only, as Mastodon supports. */
import { createHash, timingSafeEqual } from "node:crypto";

const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/;
const CHALLENGE_RE = /^[A-Za-z0-9\-_]{43}$/;

/** The S256 challenge for a verifier: base64url(sha256(verifier)). */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** True when the string can be an S256 code challenge. */
export function isValidChallenge(challenge: string): boolean {
  return CHALLENGE_RE.test(challenge);
}

/** True when `verifier` matches the stored S256 `challenge`. */
export function verifyPkce(verifier: string | undefined, challenge: string): boolean {
  if (!verifier || !VERIFIER_RE.test(verifier)) return false;
  const a = Buffer.from(s256(verifier));
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
