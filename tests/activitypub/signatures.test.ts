import { beforeAll, describe, expect, test } from "bun:test";
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { signRequest as fedifySign, verifyRequest as fedifyVerify } from "@fedify/fedify/sig";
import { signRequest, signRequestRfc9421, verifyRequest, type PublicKeyInfo } from "../../src/activitypub/outbound/signatures";
import { generateKeys } from "../../src/services/accounts/keys";

const NOW = Date.parse("2025-03-01T12:00:00Z");
const ACTOR = "https://remote.example/users/alice";
const KEY_ID = `${ACTOR}#main-key`;
const INBOX = "https://hearth.example/users/bob/inbox";
const BODY = JSON.stringify({ type: "Create", actor: ACTOR, object: { type: "Note", content: "héllo" } });

let keys: { publicKey: string; privateKey: string };
let other: { publicKey: string; privateKey: string };
const ed = generateKeyPairSync("ed25519", {
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

beforeAll(async () => {
  [keys, other] = await Promise.all([generateKeys(), generateKeys()]);
});

const lookup =
  (pem: () => string) =>
  async (keyId: string): Promise<PublicKeyInfo | null> =>
    keyId === KEY_ID ? { publicKeyPem: pem(), ownerUri: ACTOR } : null;

async function signedPost(opts: { body?: string; now?: number; url?: string } = {}) {
  const body = opts.body ?? BODY;
  const url = opts.url ?? INBOX;
  const h = await signRequest(
    { method: "POST", url, headers: { "Content-Type": "application/activity+json" }, body },
    { keyId: KEY_ID, privateKeyPem: keys.privateKey },
    opts.now ?? NOW,
  );
  return { method: "POST", url, headers: new Headers(h), body };
}

const b64 = (s: string | Buffer) => createHash("sha256").update(s).digest("base64");

describe("draft-cavage: sign then verify", () => {
  test("signRequest produces the headers Mastodon expects", async () => {
    const r = await signedPost();
    expect(r.headers.get("date")).toBe("Sat, 01 Mar 2025 12:00:00 GMT");
    expect(r.headers.get("host")).toBe("hearth.example");
    expect(r.headers.get("digest")).toBe(`SHA-256=${b64(BODY)}`);
    expect(r.headers.get("signature")).toMatch(
      /^keyId="https:\/\/remote\.example\/users\/alice#main-key",algorithm="rsa-sha256",headers="\(request-target\) host date digest content-type",signature="[A-Za-z0-9+/=]+"$/,
    );
  });

  test("a signed POST verifies", async () => {
    const res = await verifyRequest(
      await signedPost(),
      lookup(() => keys.publicKey),
      NOW + 30_000,
    );
    expect(res).toEqual({ ok: true, keyId: KEY_ID, ownerUri: ACTOR, scheme: "cavage" });
  });

  test("a signed GET (with query) verifies, without Digest", async () => {
    const url = "https://hearth.example/users/bob/outbox?page=true";
    const h = await signRequest(
      { method: "GET", url, headers: { Accept: "application/activity+json" } },
      { keyId: KEY_ID, privateKeyPem: keys.privateKey },
      NOW,
    );
    expect(h.Signature).toContain('headers="(request-target) host date"');
    expect(h.Digest).toBeUndefined();
    const res = await verifyRequest(
      { method: "GET", url, headers: new Headers(h), body: "" },
      lookup(() => keys.publicKey),
      NOW,
    );
    expect(res.ok).toBe(true);
  });

  test("tampered body fails the digest", async () => {
    const r = await signedPost();
    const res = await verifyRequest(
      { ...r, body: BODY.replace("héllo", "hello") },
      lookup(() => keys.publicKey),
      NOW,
    );
    expect(res).toMatchObject({ ok: false, status: 401, reason: "Digest does not match the body" });
  });

  test("a Digest rewritten to match a tampered body breaks the signature", async () => {
    const r = await signedPost();
    const body = BODY.replace("héllo", "evil");
    r.headers.set("digest", `SHA-256=${b64(body)}`);
    const res = await verifyRequest(
      { ...r, body },
      lookup(() => keys.publicKey),
      NOW,
    );
    expect(res).toMatchObject({ ok: false, status: 401, reason: "Signature verification failed" });
  });

  test("unsupported digest algorithm and missing Digest on POST are refused", async () => {
    const r = await signedPost();
    r.headers.set("digest", "MD5=abc");
    expect(
      await verifyRequest(
        r,
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false });
    const g = await signRequest({ method: "GET", url: INBOX }, { keyId: KEY_ID, privateKeyPem: keys.privateKey }, NOW);
    const res = await verifyRequest(
      { method: "POST", url: INBOX, headers: new Headers(g), body: "" },
      lookup(() => keys.publicKey),
      NOW,
    );
    expect(res).toMatchObject({ ok: false, status: 401, reason: "Digest must be signed for POST requests" });
  });

  test("dates outside ±1 hour are refused, inside are fine", async () => {
    const r = await signedPost();
    expect(
      (
        await verifyRequest(
          r,
          lookup(() => keys.publicKey),
          NOW + 59 * 60_000,
        )
      ).ok,
    ).toBe(true);
    expect(
      await verifyRequest(
        r,
        lookup(() => keys.publicKey),
        NOW + 61 * 60_000,
      ),
    ).toMatchObject({ ok: false, reason: "Date is outside the allowed clock window" });
    expect(
      await verifyRequest(
        r,
        lookup(() => keys.publicKey),
        NOW - 61 * 60_000,
      ),
    ).toMatchObject({ ok: false, reason: "Date is outside the allowed clock window" });
  });

  test("a missing signed header, an unsigned request and garbage are refused without throwing", async () => {
    const r = await signedPost();
    r.headers.delete("host");
    expect(
      await verifyRequest(
        r,
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 401, reason: "Signed header host is missing" });
    expect(
      await verifyRequest(
        { method: "POST", url: INBOX, headers: new Headers(), body: BODY },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 401, reason: "Request not signed" });
    const junk = new Headers({ signature: 'keyId="x",signature=' + '"'.repeat(3) });
    expect(
      await verifyRequest(
        { method: "POST", url: INBOX, headers: junk, body: BODY },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 400 });
    const weird = new Headers({
      signature: 'keyId="k",algorithm="hmac-sha256",headers="date",signature="AA=="',
      date: new Date(NOW).toUTCString(),
    });
    expect(
      await verifyRequest(
        { method: "GET", url: INBOX, headers: weird, body: "" },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, reason: "Unsupported signature algorithm hmac-sha256" });
    const r2 = await signedPost();
    r2.headers.set(
      "signature",
      r2.headers.get("signature")!.replace('headers="(request-target) host date digest content-type"', 'headers="host digest"'),
    );
    expect(
      await verifyRequest(
        r2,
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, reason: "Date header or (created) must be signed" });
  });

  test("an unknown key fails; lookup errors do not throw", async () => {
    expect(await verifyRequest(await signedPost(), async () => null, NOW)).toMatchObject({ ok: false, status: 401 });
    expect(
      await verifyRequest(
        await signedPost(),
        async () => {
          throw new Error("boom");
        },
        NOW,
      ),
    ).toMatchObject({ ok: false, status: 401 });
  });

  test("key rotation: a stale cached key triggers exactly one refetch", async () => {
    const calls: boolean[] = [];
    const rotating = async (_k: string, refresh: boolean) => {
      calls.push(refresh);
      return { publicKeyPem: refresh ? keys.publicKey : other.publicKey, ownerUri: ACTOR };
    };
    expect((await verifyRequest(await signedPost(), rotating, NOW)).ok).toBe(true);
    expect(calls).toEqual([false, true]);
    calls.length = 0;
    const stale = async (_k: string, refresh: boolean) => {
      calls.push(refresh);
      return { publicKeyPem: other.publicKey, ownerUri: ACTOR };
    };
    expect(await verifyRequest(await signedPost(), stale, NOW)).toMatchObject({ ok: false, reason: "Signature verification failed" });
    expect(calls).toEqual([false, true]);
    calls.length = 0;
    const good = async (_k: string, refresh: boolean) => {
      calls.push(refresh);
      return { publicKeyPem: keys.publicKey, ownerUri: ACTOR };
    };
    expect((await verifyRequest(await signedPost(), good, NOW)).ok).toBe(true);
    expect(calls).toEqual([false]);
  });

  test("hs2019 with (created)/(expires) and an Ed25519 key; rsa-sha256 refuses Ed25519", async () => {
    const created = Math.floor(NOW / 1000);
    const digest = `SHA-256=${b64(BODY)}`;
    const base = `(request-target): post /users/bob/inbox\n(created): ${created}\n(expires): ${created + 300}\ndigest: ${digest}`;
    const sig = sign(null, Buffer.from(base), ed.privateKey).toString("base64");
    const mk = (alg: string) =>
      new Headers({
        digest,
        signature: `keyId="${KEY_ID}",algorithm="${alg}",created=${created},expires=${created + 300},headers="(request-target) (created) (expires) digest",signature="${sig}"`,
      });
    const edLookup = lookup(() => ed.publicKey);
    expect(await verifyRequest({ method: "POST", url: INBOX, headers: mk("hs2019"), body: BODY }, edLookup, NOW)).toMatchObject({
      ok: true,
    });
    expect(await verifyRequest({ method: "POST", url: INBOX, headers: mk("rsa-sha256"), body: BODY }, edLookup, NOW)).toMatchObject({
      ok: false,
    });
    expect(await verifyRequest({ method: "POST", url: INBOX, headers: mk("hs2019"), body: BODY }, edLookup, NOW + 600_000)).toMatchObject({
      ok: false,
      reason: "Signature has expired",
    });
  });
});

describe("RFC 9421", () => {
  const created = Math.floor(NOW / 1000);
  const contentDigest = `sha-256=:${b64(BODY)}:`;
  const params = `("@method" "@target-uri" "@authority" "@path" "@query" "content-digest" "date");created=${created};keyid="${KEY_ID}";alg="rsa-v1_5-sha256"`;
  const url = "https://hearth.example/users/bob/inbox?x=1";
  const date = new Date(NOW).toUTCString();
  // The signature base written out by hand, per RFC 9421 §2.5.
  const base = [
    `"@method": POST`,
    `"@target-uri": ${url}`,
    `"@authority": hearth.example`,
    `"@path": /users/bob/inbox`,
    `"@query": ?x=1`,
    `"content-digest": ${contentDigest}`,
    `"date": ${date}`,
    `"@signature-params": ${params}`,
  ].join("\n");
  const headersFor = (signature: string, extra: Record<string, string> = {}) =>
    new Headers({ "content-digest": contentDigest, date, "signature-input": `sig1=${params}`, signature: `sig1=:${signature}:`, ...extra });

  test("a hand-built rsa-v1_5-sha256 signature verifies", async () => {
    const sig = sign("sha256", Buffer.from(base), keys.privateKey).toString("base64");
    expect(
      await verifyRequest(
        { method: "POST", url, headers: headersFor(sig), body: BODY },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toEqual({ ok: true, keyId: KEY_ID, ownerUri: ACTOR, scheme: "rfc9421" });
    // Another method, another URL, another body: all fail.
    expect(
      (
        await verifyRequest(
          { method: "PUT", url, headers: headersFor(sig), body: BODY },
          lookup(() => keys.publicKey),
          NOW,
        )
      ).ok,
    ).toBe(false);
    expect(
      (
        await verifyRequest(
          { method: "POST", url: url + "2", headers: headersFor(sig), body: BODY },
          lookup(() => keys.publicKey),
          NOW,
        )
      ).ok,
    ).toBe(false);
    expect(
      await verifyRequest(
        { method: "POST", url, headers: headersFor(sig), body: BODY + " " },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, reason: "Content-Digest does not match the body" });
    expect(
      await verifyRequest(
        { method: "POST", url, headers: headersFor(sig), body: BODY },
        lookup(() => keys.publicKey),
        NOW + 2 * 3600_000,
      ),
    ).toMatchObject({ ok: false, reason: "Signature created time is outside the allowed clock window" });
  });

  test("Content-Digest is required on POST and must be covered", async () => {
    const sig = sign("sha256", Buffer.from(base), keys.privateKey).toString("base64");
    const h = headersFor(sig);
    h.delete("content-digest");
    expect(
      await verifyRequest(
        { method: "POST", url, headers: h, body: BODY },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false });
    const p2 = `("@method" "@target-uri");created=${created};keyid="${KEY_ID}"`;
    const sig2 = sign(
      "sha256",
      Buffer.from(`"@method": POST\n"@target-uri": ${url}\n"@signature-params": ${p2}`),
      keys.privateKey,
    ).toString("base64");
    const h2 = new Headers({ "content-digest": contentDigest, "signature-input": `sig1=${p2}`, signature: `sig1=:${sig2}:` });
    expect(
      await verifyRequest(
        { method: "POST", url, headers: h2, body: BODY },
        lookup(() => keys.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: false, reason: "Content-Digest is not covered by the signature" });
  });

  test("Ed25519 with expires, and malformed inputs answer 400 without throwing", async () => {
    const p = `("@method" "@target-uri");created=${created};expires=${created + 60};keyid="${KEY_ID}";alg="ed25519"`;
    const gurl = "https://hearth.example/users/bob";
    const sig = sign(null, Buffer.from(`"@method": GET\n"@target-uri": ${gurl}\n"@signature-params": ${p}`), ed.privateKey).toString(
      "base64",
    );
    const h = new Headers({ "signature-input": `sig1=${p}`, signature: `sig1=:${sig}:` });
    expect(
      await verifyRequest(
        { method: "GET", url: gurl, headers: h, body: "" },
        lookup(() => ed.publicKey),
        NOW,
      ),
    ).toMatchObject({ ok: true, scheme: "rfc9421" });
    expect(
      await verifyRequest(
        { method: "GET", url: gurl, headers: h, body: "" },
        lookup(() => ed.publicKey),
        NOW + 5 * 60_000,
      ),
    ).toMatchObject({ ok: false, reason: "Signature has expired" });
    for (const [si, s] of [
      ['sig1=("@method"', "sig1=:AA==:"],
      ['sig1=("@method");created=1', "sig1=AA"],
      ['sig1=();keyid="k";created=1', "sig2=:AA==:"],
    ]) {
      const res = await verifyRequest(
        { method: "GET", url: gurl, headers: new Headers({ "signature-input": si!, signature: s! }), body: "" },
        lookup(() => ed.publicKey),
        NOW,
      );
      expect(res.ok).toBe(false);
    }
  });
});

describe("interop with Fedify", () => {
  const pemToDer = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
  const importPriv = (pem: string) =>
    crypto.subtle.importKey("pkcs8", pemToDer(pem), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["sign"]);

  for (const spec of ["draft-cavage-http-signatures-12", "rfc9421"] as const) {
    test(`Hearth verifies Fedify's ${spec} POST`, async () => {
      const req = new Request(INBOX, { method: "POST", headers: { "Content-Type": "application/activity+json" }, body: BODY });
      const signed = await fedifySign(req, await importPriv(keys.privateKey), new URL(KEY_ID), { spec });
      const body = await signed.clone().text();
      const res = await verifyRequest(
        { method: signed.method, url: signed.url, headers: signed.headers, body },
        lookup(() => keys.publicKey),
        Date.now(),
      );
      expect(res).toMatchObject({ ok: true, scheme: spec === "rfc9421" ? "rfc9421" : "cavage" });
    });
  }

  test.each(["cavage", "rfc9421"])("Fedify verifies Hearth's %s POST", async (spec) => {
    const req = { method: "POST", url: INBOX, headers: { "Content-Type": "application/activity+json" }, body: BODY };
    const signer = { keyId: KEY_ID, privateKeyPem: keys.privateKey };
    const h = spec === "cavage" ? await signRequest(req, signer, Date.now()) : await signRequestRfc9421(req, signer, Date.now());
    // Hearth's own verifier agrees.
    expect(
      await verifyRequest(
        { ...req, headers: new Headers(h) },
        lookup(() => keys.publicKey),
        Date.now(),
      ),
    ).toMatchObject({ ok: true, scheme: spec });
    const keyDoc = {
      "@context": "https://w3id.org/security/v1",
      id: KEY_ID,
      type: "CryptographicKey",
      owner: ACTOR,
      publicKeyPem: keys.publicKey,
    };
    const documentLoader = async (u: string) => ({ contextUrl: null, documentUrl: u, document: u === KEY_ID || u === ACTOR ? keyDoc : {} });
    const key = await fedifyVerify(new Request(INBOX, { method: "POST", headers: h, body: BODY }), {
      documentLoader: documentLoader as any,
    });
    expect(key?.id?.href).toBe(KEY_ID);
  });
});
