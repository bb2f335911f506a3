/**
 * HTTP Signatures as pure functions over requests and keys (owner: signatures helper).
 * Outgoing: draft-cavage rsa-sha256 over (request-target) host date digest, Digest: SHA-256=.
 * Incoming: draft-cavage (rsa-sha256, hs2019) and RFC 9421 (Content-Digest).
 */
import { createHash } from "node:crypto";
import { CLOCK_WINDOW_MS, checkDigest, signRsaSha256, verifyWithKey } from "./signature-crypto";
import { verifyRfc9421 } from "./signatures-rfc9421";

export { signRequestRfc9421 } from "./signatures-rfc9421";

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

export { CLOCK_WINDOW_MS };

export type VerifyResult =
  | { ok: true; keyId: string; ownerUri: string; scheme: "cavage" | "rfc9421" }
  | { ok: false; status: 401 | 400; reason: string };

/** Headers to send with a signed request (Date, Host, Digest for bodies, Signature). */
export async function signRequest(
  req: { method: string; url: string; headers?: Record<string, string>; body?: string | Uint8Array },
  key: SigningKey,
  now: number,
): Promise<Record<string, string>> {
  const url = new URL(req.url);
  const out: Record<string, string> = { ...req.headers };
  const get = (name: string) => Object.entries(out).find(([k]) => k.toLowerCase() === name)?.[1];
  const set = (name: string, value: string) => {
    for (const k of Object.keys(out)) if (k.toLowerCase() === name.toLowerCase()) delete out[k];
    out[name] = value;
  };
  set("Host", url.host);
  set("Date", new Date(now).toUTCString());
  const names = ["(request-target)", "host", "date"];
  const hasBody = req.body !== undefined && req.body !== null;
  if (hasBody) {
    set("Digest", `SHA-256=${createHash("sha256").update(req.body!).digest("base64")}`);
    names.push("digest");
    if (get("content-type") !== undefined) names.push("content-type");
  }
  const lines = names.map((h) =>
    h === "(request-target)" ? `(request-target): ${req.method.toLowerCase()} ${url.pathname}${url.search}` : `${h}: ${get(h)!.trim()}`,
  );
  const signature = (await signRsaSha256(key.privateKeyPem, Buffer.from(lines.join("\n")))).toString("base64");
  set("Signature", `keyId="${key.keyId}",algorithm="rsa-sha256",headers="${names.join(" ")}",signature="${signature}"`);
  return out;
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
  try {
    const prepared = req.headers.has("signature-input") ? verifyRfc9421(req, now) : prepareCavage(req, now);
    if (!prepared.ok) return prepared;
    const { keyId, data, signature, alg, scheme, alt } = prepared;
    const check = (pem: string) =>
      verifyWithKey(pem, alg, data, signature) || (alt !== undefined && verifyWithKey(pem, alg, alt, signature));
    const safeLookup = async (refresh: boolean) => {
      try {
        return await lookupKey(keyId, refresh);
      } catch {
        return null;
      }
    };
    const key = await safeLookup(false);
    if (!key) return { ok: false, status: 401, reason: `Could not retrieve public key ${keyId}` };
    if (check(key.publicKeyPem)) return { ok: true, keyId, ownerUri: key.ownerUri, scheme };
    // The actor may have rotated its key since we cached it: refetch once.
    const fresh = await safeLookup(true);
    if (fresh && fresh.publicKeyPem !== key.publicKeyPem && check(fresh.publicKeyPem)) {
      return { ok: true, keyId, ownerUri: fresh.ownerUri, scheme };
    }
    return { ok: false, status: 401, reason: "Signature verification failed" };
  } catch (e) {
    return { ok: false, status: 400, reason: `Malformed signature: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** What both schemes reduce to before the key is known: the signed bytes and the signature. */
export type Prepared =
  | { ok: true; keyId: string; data: Buffer; signature: Buffer; alg: string; scheme: "cavage" | "rfc9421"; alt?: Buffer }
  | { ok: false; status: 401 | 400; reason: string };

const fail = (reason: string, status: 401 | 400 = 401): Prepared => ({ ok: false, status, reason });

/** Parses `k="v",k2=v2` (the Signature header of draft-cavage). */
export function parseCavageParams(header: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  const re = /\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s"]*))\s*(,|$)/y;
  let pos = 0;
  while (pos < header.length) {
    re.lastIndex = pos;
    const m = re.exec(header);
    if (!m) return null;
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!;
    pos = re.lastIndex;
    if (m[4] === "") break;
  }
  return out;
}

function prepareCavage(req: { method: string; url: string; headers: Headers; body: string | Uint8Array }, now: number): Prepared {
  let raw = req.headers.get("signature");
  if (!raw) {
    const auth = req.headers.get("authorization");
    if (auth && /^signature\s/i.test(auth)) raw = auth.replace(/^signature\s+/i, "");
  }
  if (!raw) return fail("Request not signed");
  const p = parseCavageParams(raw);
  if (!p || !p.keyid || !p.signature) return fail("Signature header is malformed", 400);
  const alg = (p.algorithm ?? "hs2019").toLowerCase();
  if (alg !== "rsa-sha256" && alg !== "hs2019") return fail(`Unsupported signature algorithm ${p.algorithm}`);
  const names = (p.headers ?? "date").toLowerCase().trim().split(/\s+/);
  const method = req.method.toUpperCase();
  if (!names.includes("date") && !names.includes("(created)")) return fail("Date header or (created) must be signed");
  if (!names.includes("(request-target)") && !names.includes("digest")) return fail("(request-target) or digest must be signed");
  if (method === "POST" && !names.includes("digest")) return fail("Digest must be signed for POST requests");
  const url = new URL(req.url);
  const lines: string[] = [];
  for (const h of names) {
    if (h === "(request-target)") lines.push(`(request-target): ${method.toLowerCase()} ${url.pathname}${url.search}`);
    else if (h === "(created)" || h === "(expires)") {
      const v = p[h.slice(1, -1)];
      if (!v || !/^\d+(\.\d+)?$/.test(v)) return fail(`${h} is signed but its parameter is missing`, 400);
      lines.push(`${h}: ${v}`);
    } else {
      const v = req.headers.get(h);
      if (v === null) return fail(`Signed header ${h} is missing`);
      lines.push(`${h}: ${v.trim()}`);
    }
  }
  const time = checkTime(req.headers.get("date"), p.created, p.expires, names, now);
  if (time) return fail(time);
  const digestProblem = checkDigest(req, names.includes("digest"));
  if (digestProblem) return fail(digestProblem);
  let signature: Buffer;
  try {
    signature = Buffer.from(p.signature, "base64");
  } catch {
    return fail("Signature is not base64", 400);
  }
  // Some signers (Fedify) leave the query out of (request-target); accept that form as well.
  const target = `(request-target): ${method.toLowerCase()} ${url.pathname}`;
  const alt =
    url.search && names.includes("(request-target)")
      ? Buffer.from(lines.map((l) => (l.startsWith("(request-target): ") ? target : l)).join("\n"))
      : undefined;
  return { ok: true, keyId: p.keyid, data: Buffer.from(lines.join("\n")), signature, alg, scheme: "cavage", alt };
}

/** Null when Date / (created) / (expires) are inside the window, else the reason. */
function checkTime(
  date: string | null,
  created: string | undefined,
  expires: string | undefined,
  names: string[],
  now: number,
): string | null {
  if (names.includes("date")) {
    const t = date ? Date.parse(date) : NaN;
    if (Number.isNaN(t)) return "Date header is invalid";
    if (Math.abs(now - t) > CLOCK_WINDOW_MS) return "Date is outside the allowed clock window";
  }
  if (names.includes("(created)") && created) {
    const t = Number(created) * 1000;
    if (t > now + CLOCK_WINDOW_MS || t < now - CLOCK_WINDOW_MS) return "Signature created time is outside the allowed clock window";
  }
  if (expires) {
    const t = Number(expires) * 1000;
    if (!Number.isFinite(t) || t < now - 60_000) return "Signature has expired";
  }
  return null;
}
