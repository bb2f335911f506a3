/** Key parsing (cached), signature verification by algorithm and body digest checks for signatures.ts. */
import { constants, createHash, createPrivateKey, createPublicKey, verify, type KeyObject } from "node:crypto";

/** Clock window for Date / created: Mastodon accepts about an hour of skew either way. */
export const CLOCK_WINDOW_MS = 3600_000;

const MAX_CACHED = 256;
const privateCache = new Map<string, KeyObject>();
const publicCache = new Map<string, KeyObject>();

function cached(cache: Map<string, KeyObject>, pem: string, make: (pem: string) => KeyObject): KeyObject {
  let k = cache.get(pem);
  if (!k) {
    k = make(pem);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(pem, k);
  }
  return k;
}

/** A parsed private key (parsing a PEM costs more than signing, so keys are cached). */
export function privateKey(pem: string): KeyObject {
  return cached(privateCache, pem, (p) => createPrivateKey(p));
}

const webKeys = new Map<string, Promise<CryptoKey>>();

/**
 * RSASSA-PKCS1-v1_5 SHA-256 signature with a PEM private key. Uses WebCrypto, which signs off
 * the main thread: node:crypto's sign() blocks the event loop for ~3 ms per RSA-2048 signature.
 */
export async function signRsaSha256(pem: string, data: Uint8Array): Promise<Buffer> {
  let key = webKeys.get(pem);
  if (!key) {
    const der = privateKey(pem).export({ format: "der", type: "pkcs8" });
    key = crypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    if (webKeys.size >= MAX_CACHED) webKeys.delete(webKeys.keys().next().value!);
    webKeys.set(pem, key);
    key.catch(() => webKeys.delete(pem));
  }
  return Buffer.from(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", await key, data as Uint8Array<ArrayBuffer>));
}

/**
 * Verifies `signature` over `data` with a PEM public key. `alg` is a draft-cavage algorithm
 * (rsa-sha256, hs2019) or an RFC 9421 one (rsa-v1_5-sha256, rsa-pss-sha512, ed25519), or ""
 * to go by the key type. Never throws.
 */
export function verifyWithKey(pem: string, alg: string, data: Buffer, signature: Buffer): boolean {
  try {
    const key = cached(publicCache, pem, (p) => createPublicKey(p));
    const type = key.asymmetricKeyType;
    switch (alg) {
      case "rsa-sha256":
      case "rsa-v1_5-sha256":
        return type === "rsa" && verify("sha256", data, key, signature);
      case "rsa-pss-sha512":
        return (
          (type === "rsa" || type === "rsa-pss") &&
          verify("sha512", data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 }, signature)
        );
      case "ed25519":
        return type === "ed25519" && verify(null, data, key, signature);
      case "hs2019":
      case "":
        if (type === "rsa") return verify("sha256", data, key, signature);
        if (type === "ed25519") return verify(null, data, key, signature);
        return false;
      default:
        return false;
    }
  } catch {
    return false;
  }
}

function bodyBytes(body: string | Uint8Array): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

const HASHES: Record<string, string> = { "sha-256": "sha256", "sha-512": "sha512" };

/**
 * draft-cavage `Digest: SHA-256=<b64>` check. A body (or any POST) must carry a signed Digest
 * that matches. Returns the problem, or null when fine.
 */
export function checkDigest(req: { method: string; headers: Headers; body: string | Uint8Array }, signed: boolean): string | null {
  const bytes = bodyBytes(req.body);
  const header = req.headers.get("digest");
  if (!header) return bytes.length > 0 || req.method.toUpperCase() === "POST" ? "Digest header is missing" : null;
  if (!signed && bytes.length > 0) return "Digest header is not signed";
  let supported = false;
  for (const part of header.split(",")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const algo = HASHES[part.slice(0, i).trim().toLowerCase()];
    if (!algo) continue;
    supported = true;
    if (createHash(algo).update(bytes).digest("base64") !== part.slice(i + 1).trim()) return "Digest does not match the body";
  }
  return supported ? null : "Digest algorithm is not supported (use SHA-256)";
}

/**
 * RFC 9530 `Content-Digest: sha-256=:<b64>:` check (used with RFC 9421). A POST must carry one
 * that is covered by the signature. Returns the problem, or null when fine.
 */
export function checkContentDigest(req: { method: string; headers: Headers; body: string | Uint8Array }, covered: boolean): string | null {
  const bytes = bodyBytes(req.body);
  const header = req.headers.get("content-digest");
  if (!header) return bytes.length > 0 || req.method.toUpperCase() === "POST" ? "Content-Digest header is missing" : null;
  if (!covered) return "Content-Digest is not covered by the signature";
  let supported = false;
  for (const part of header.split(",")) {
    const m = /^\s*([a-z0-9-]+)\s*=\s*:([A-Za-z0-9+/=]*):\s*$/i.exec(part);
    if (!m) continue;
    const algo = HASHES[m[1]!.toLowerCase()];
    if (!algo) continue;
    supported = true;
    if (createHash(algo).update(bytes).digest("base64") !== m[2]) return "Content-Digest does not match the body";
  }
  return supported ? null : "Content-Digest algorithm is not supported (use sha-256)";
}
