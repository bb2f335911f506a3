/**
 * A Web Push service for tests, on 127.0.0.1: each subscription (a path) holds its own P-256 key
 * pair and auth secret, as a browser does, and every message is decrypted here with WebCrypto,
 * independently of the server's code: RFC 8291 `aes128gcm` and draft-04 `aesgcm`.
 */
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";

const te = new TextEncoder();
const b64u = (b: Uint8Array) => Buffer.from(b).toString("base64url");
const unb64u = (s: string) => new Uint8Array(Buffer.from(s.replace(/=+$/, ""), "base64url"));
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

async function hkdf(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", ikm as BufferSource, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: salt as BufferSource, info: info as BufferSource },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

async function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey("raw", key as BufferSource, "AES-GCM", false, ["decrypt"]);
  return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: nonce as BufferSource }, k, data as BufferSource));
}

/** One browser-side subscription: keys as a client sends them, and what it can decrypt with. */
export class PushKeys {
  private constructor(
    readonly privateKey: CryptoKey,
    /** The 65-byte uncompressed public point. */
    readonly publicRaw: Uint8Array,
    readonly auth: Uint8Array,
  ) {}

  static async create(): Promise<PushKeys> {
    const pair = (await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    return new PushKeys(pair.privateKey, raw, crypto.getRandomValues(new Uint8Array(16)));
  }

  get p256dh(): string {
    return b64u(this.publicRaw);
  }
  get authB64(): string {
    return b64u(this.auth);
  }

  private async secret(serverPublic: Uint8Array): Promise<Uint8Array> {
    const pub = await crypto.subtle.importKey("raw", serverPublic as BufferSource, { name: "ECDH", namedCurve: "P-256" }, false, []);
    return new Uint8Array(await crypto.subtle.deriveBits({ name: "ECDH", public: pub }, this.privateKey, 256));
  }

  /** RFC 8291 / RFC 8188: header (salt, rs, keyid = server key), then records ending in 0x02 (last) + zero padding. */
  async decryptAes128gcm(body: Uint8Array): Promise<string> {
    const salt = body.subarray(0, 16);
    const rs = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
    const idlen = body[20]!;
    const serverPublic = body.subarray(21, 21 + idlen);
    const records = body.subarray(21 + idlen);
    if (records.length > rs) throw new Error("more than one record");
    const ecdh = await this.secret(serverPublic);
    const ikm = await hkdf(ecdh, this.auth, cat(te.encode("WebPush: info\0"), this.publicRaw, serverPublic), 32);
    const cek = await hkdf(ikm, salt, te.encode("Content-Encoding: aes128gcm\0"), 16);
    const nonce = await hkdf(ikm, salt, te.encode("Content-Encoding: nonce\0"), 12);
    const plain = await aesGcmOpen(cek, nonce, records);
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (plain[end] !== 2) throw new Error("missing last-record delimiter");
    return new TextDecoder().decode(plain.subarray(0, end));
  }

  /** draft-ietf-webpush-encryption-04: salt and dh from headers, a 2-byte padding length first. */
  async decryptAesgcm(body: Uint8Array, saltB64: string, dhB64: string): Promise<string> {
    const salt = unb64u(saltB64);
    const serverPublic = unb64u(dhB64);
    const ecdh = await this.secret(serverPublic);
    const ikm = await hkdf(ecdh, this.auth, te.encode("Content-Encoding: auth\0"), 32);
    const len = (n: number) => new Uint8Array([n >> 8, n & 255]);
    const context = cat(te.encode("P-256\0"), len(65), this.publicRaw, len(65), serverPublic);
    const cek = await hkdf(ikm, salt, cat(te.encode("Content-Encoding: aesgcm\0"), context), 16);
    const nonce = await hkdf(ikm, salt, cat(te.encode("Content-Encoding: nonce\0"), context), 12);
    const plain = await aesGcmOpen(cek, nonce, body);
    const pad = (plain[0]! << 8) | plain[1]!;
    return new TextDecoder().decode(plain.subarray(2 + pad));
  }
}

/** One POST the receiver got, decrypted. */
export interface PushMessage {
  path: string;
  headers: Headers;
  encoding: string;
  payload: Record<string, any>;
  /** The VAPID JWT and the public key that came with it. */
  jwt: string;
  vapidKey: string;
}

/** Parses the VAPID parts of a request: `vapid t=…, k=…` (RFC 8292) or `WebPush <jwt>` + `Crypto-Key: p256ecdsa=` (legacy). */
export function vapidOf(h: Headers): { jwt: string; key: string } {
  const auth = h.get("authorization") ?? "";
  const std = /^vapid\s+(.*)$/i.exec(auth);
  if (std) {
    const params = Object.fromEntries(std[1]!.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
    return { jwt: params.t!, key: params.k! };
  }
  const legacy = /^WebPush\s+(\S+)$/.exec(auth);
  const ck = /p256ecdsa=([A-Za-z0-9_-]+)/.exec(h.get("crypto-key") ?? "");
  if (!legacy || !ck) throw new Error(`no VAPID authorization in "${auth}"`);
  return { jwt: legacy[1]!, key: ck[1]! };
}

/** Verifies a VAPID JWT against the instance's public key; returns its claims. */
export async function verifyVapid(jwt: string, publicKey: string, audience: string, nowMs: number): Promise<Record<string, any>> {
  const p = unb64u(publicKey);
  const key = await importJWK({ kty: "EC", crv: "P-256", x: b64u(p.subarray(1, 33)), y: b64u(p.subarray(33, 65)) }, "ES256");
  if (decodeProtectedHeader(jwt).alg !== "ES256") throw new Error("not ES256");
  const { payload } = await jwtVerify(jwt, key, { audience, currentDate: new Date(nowMs), algorithms: ["ES256"] });
  return payload as Record<string, any>;
}

/** The push service: subscriptions by path, each answering a queue of statuses (then 201). */
export class PushReceiver {
  readonly messages: PushMessage[] = [];
  readonly errors: string[] = [];
  private keys = new Map<string, PushKeys>();
  private answers = new Map<string, number[]>();
  private server: ReturnType<typeof Bun.serve>;
  /** Every request, answered or not (statuses other than 2xx included). */
  hits = 0;

  constructor() {
    this.server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: async (req) => {
        this.hits++;
        const path = new URL(req.url).pathname;
        const body = new Uint8Array(await req.arrayBuffer());
        const queued = this.answers.get(path);
        const status = queued?.length ? queued.shift()! : 201;
        if (status >= 300) return new Response("", { status });
        const keys = this.keys.get(path);
        if (!keys) return new Response("", { status: 404 });
        try {
          const encoding = req.headers.get("content-encoding") ?? "";
          let text: string;
          if (encoding === "aes128gcm") text = await keys.decryptAes128gcm(body);
          else if (encoding === "aesgcm") {
            const salt = /salt=([A-Za-z0-9_-]+)/.exec(req.headers.get("encryption") ?? "")?.[1] ?? "";
            const dh = /dh=([A-Za-z0-9_-]+)/.exec(req.headers.get("crypto-key") ?? "")?.[1] ?? "";
            text = await keys.decryptAesgcm(body, salt, dh);
          } else throw new Error(`unknown Content-Encoding ${encoding}`);
          const { jwt, key } = vapidOf(req.headers);
          this.messages.push({ path, headers: req.headers, encoding, payload: JSON.parse(text), jwt, vapidKey: key });
        } catch (e) {
          this.errors.push(String(e));
          return new Response("", { status: 400 });
        }
        return new Response("", { status: 201 });
      },
    });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** A new subscription at `path` with fresh keys: its endpoint and keys. */
  async subscribe(path: string): Promise<{ endpoint: string; keys: PushKeys }> {
    const keys = await PushKeys.create();
    this.keys.set(path, keys);
    return { endpoint: this.origin + path, keys };
  }

  /** The next requests to `path` get these statuses (then 201 again). */
  answer(path: string, ...statuses: number[]): void {
    this.answers.set(path, [...(this.answers.get(path) ?? []), ...statuses]);
  }

  /** Messages that reached `path`. */
  at(path: string): PushMessage[] {
    return this.messages.filter((m) => m.path === path);
  }

  stop(): void {
    this.server.stop(true);
  }
}
