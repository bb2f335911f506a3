/**
 * HTTP Signatures as pure functions over requests and keys (owner: signatures helper).
 * Outgoing: draft-cavage rsa-sha256 over (request-target) host date digest, Digest: SHA-256=.
 * Incoming: draft-cavage (rsa-sha256, hs2019) and RFC 9421 (Content-Digest).
 */

export interface SigningKey {
  /** e.g. https://example.com/users/alice#main-key */
  keyId: string;
  privateKeyPem: string;
}

export interface PublicKeyInfo {
  publicKeyPem: string;
  /** The actor URI that owns the key. */
  ownerUri: string;
}

export type VerifyResult =
  | { ok: true; keyId: string; ownerUri: string; scheme: "cavage" | "rfc9421" }
  | { ok: false; status: 401 | 400; reason: string };

/** Headers to send with a signed request (Date, Host, Digest for bodies, Signature). */
export async function signRequest(
  req: { method: string; url: string; headers?: Record<string, string>; body?: string | Uint8Array },
  key: SigningKey,
  now: number,
): Promise<Record<string, string>> {
  void req; void key; void now;
  throw new Error("signRequest: not implemented");
}

/**
 * Verifies a request's signature and body digest. `lookupKey(keyId, refresh)` returns the
 * key (refresh=true asks to refetch it once after a failure: key rotation).
 */
export async function verifyRequest(
  req: { method: string; url: string; headers: Headers; body: string | Uint8Array },
  lookupKey: (keyId: string, refresh: boolean) => Promise<PublicKeyInfo | null>,
  now: number,
): Promise<VerifyResult> {
  void req; void lookupKey; void now;
  throw new Error("verifyRequest: not implemented");
}
