/**
 * RFC 9421 (HTTP Message Signatures) request verification for signatures.ts: parses
 * Signature-Input / Signature (RFC 8941 dictionaries) and rebuilds the signature base.
 */
import { createHash } from "node:crypto";
import { checkContentDigest, signRsaSha256 } from "./signature-crypto";
import { CLOCK_WINDOW_MS } from "./signature-crypto";
import type { Prepared, SigningKey } from "./signatures";

type Bare = string | number | boolean | Uint8Array | { token: string };
interface SfItem {
  value: Bare | SfItem[];
  params: Record<string, Bare>;
  raw: string;
}

/** A tiny RFC 8941 parser: just enough for dictionaries of inner lists and byte sequences. */
class SfParser {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.s[this.i] === " " || this.s[this.i] === "\t") this.i++;
  }
  key(): string {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`bad key at ${this.i}`);
    this.i += m[0].length;
    return m[0];
  }
  bare(): Bare {
    const c = this.s[this.i];
    if (c === '"') {
      let out = "";
      for (this.i++; this.i < this.s.length; this.i++) {
        const ch = this.s[this.i]!;
        if (ch === "\\") {
          out += this.s[++this.i] ?? "";
          continue;
        }
        if (ch === '"') {
          this.i++;
          return out;
        }
        out += ch;
      }
      throw new Error("unterminated string");
    }
    if (c === ":") {
      const end = this.s.indexOf(":", this.i + 1);
      if (end < 0) throw new Error("unterminated byte sequence");
      const b64 = this.s.slice(this.i + 1, end);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error("bad byte sequence");
      this.i = end + 1;
      return new Uint8Array(Buffer.from(b64, "base64"));
    }
    if (c === "?") {
      const v = this.s[this.i + 1] === "1";
      this.i += 2;
      return v;
    }
    const num = /^-?\d+(\.\d+)?/.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const tok = /^[A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*/.exec(this.s.slice(this.i));
    if (tok) {
      this.i += tok[0].length;
      return { token: tok[0] };
    }
    throw new Error(`bad item at ${this.i}`);
  }
  params(): Record<string, Bare> {
    const p: Record<string, Bare> = {};
    while (this.s[this.i] === ";") {
      this.i++;
      this.ws();
      const k = this.key();
      if (this.s[this.i] === "=") {
        this.i++;
        p[k] = this.bare();
      } else p[k] = true;
    }
    return p;
  }
  member(): SfItem {
    const start = this.i;
    if (this.s[this.i] === "(") {
      this.i++;
      const items: SfItem[] = [];
      for (;;) {
        this.ws();
        if (this.s[this.i] === ")") {
          this.i++;
          break;
        }
        if (this.i >= this.s.length) throw new Error("unterminated inner list");
        const st = this.i;
        const value = this.bare();
        items.push({ value, params: this.params(), raw: this.s.slice(st, this.i) });
        if (this.s[this.i] !== " " && this.s[this.i] !== ")") throw new Error("bad inner list");
      }
      const params = this.params();
      return { value: items, params, raw: this.s.slice(start, this.i) };
    }
    const value = this.bare();
    return { value, params: this.params(), raw: this.s.slice(start, this.i) };
  }
  dictionary(): Map<string, SfItem> {
    const out = new Map<string, SfItem>();
    this.ws();
    while (this.i < this.s.length) {
      const k = this.key();
      let item: SfItem;
      if (this.s[this.i] === "=") {
        this.i++;
        item = this.member();
      } else item = { value: true, params: this.params(), raw: "" };
      out.set(k, item);
      this.ws();
      if (this.i >= this.s.length) break;
      if (this.s[this.i] !== ",") throw new Error(`expected comma at ${this.i}`);
      this.i++;
      this.ws();
    }
    return out;
  }
}

/** Parses an RFC 8941 dictionary header; throws on malformed input. */
export function parseSfDictionary(header: string): Map<string, SfItem> {
  return new SfParser(header.trim()).dictionary();
}

function serializeParams(params: Record<string, Bare>): string {
  return Object.entries(params)
    .map(([k, v]) =>
      v === true
        ? `;${k}`
        : typeof v === "string"
          ? `;${k}="${v.replace(/[\\"]/g, "\\$&")}"`
          : typeof v === "number"
            ? `;${k}=${v}`
            : `;${k}=${(v as { token: string }).token ?? ""}`,
    )
    .join("");
}

function derived(name: string, method: string, url: URL, params: Record<string, Bare>): string | null {
  switch (name) {
    case "@method":
      return method.toUpperCase();
    case "@target-uri":
      return url.href;
    case "@authority":
      return url.host.toLowerCase();
    case "@scheme":
      return url.protocol.slice(0, -1).toLowerCase();
    case "@request-target":
      return `${url.pathname}${url.search}`;
    case "@path":
      return url.pathname || "/";
    case "@query":
      return url.search || "?";
    case "@query-param": {
      if (typeof params.name !== "string") return null;
      const v = url.searchParams.get(params.name);
      return v === null ? null : encodeURIComponent(v);
    }
    default:
      return null;
  }
}

const ALGS = new Set(["rsa-v1_5-sha256", "rsa-pss-sha512", "ed25519"]);

/**
 * Checks an RFC 9421 request (first signature label that has both input and value): time
 * window, covered components, Content-Digest; returns the signature base to verify.
 */
export function verifyRfc9421(req: { method: string; url: string; headers: Headers; body: string | Uint8Array }, now: number): Prepared {
  const bad = (reason: string, status: 401 | 400 = 401): Prepared => ({ ok: false, status, reason });
  let inputs: Map<string, SfItem>;
  let sigs: Map<string, SfItem>;
  try {
    inputs = parseSfDictionary(req.headers.get("signature-input") ?? "");
    sigs = parseSfDictionary(req.headers.get("signature") ?? "");
  } catch (e) {
    return bad(`Signature-Input or Signature is malformed: ${(e as Error).message}`, 400);
  }
  const label = [...inputs.keys()].find((k) => sigs.has(k));
  if (!label) return bad("Signature-Input has no matching Signature");
  const input = inputs.get(label)!;
  const sigValue = sigs.get(label)!.value;
  if (!Array.isArray(input.value) || !(sigValue instanceof Uint8Array)) return bad("Signature-Input or Signature is malformed", 400);
  const { keyid, created, expires, alg } = input.params;
  if (typeof keyid !== "string" || !keyid) return bad("Signature-Input has no keyid", 400);
  if (alg !== undefined && (typeof alg !== "string" || !ALGS.has(alg))) return bad(`Unsupported signature algorithm ${String(alg)}`);
  if (typeof created !== "number" || !Number.isInteger(created)) return bad("Signature-Input has no created time");
  if (created * 1000 > now + CLOCK_WINDOW_MS || created * 1000 < now - CLOCK_WINDOW_MS)
    return bad("Signature created time is outside the allowed clock window");
  if (expires !== undefined && (typeof expires !== "number" || expires * 1000 < now - 60_000)) return bad("Signature has expired");
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return bad("Bad request URL", 400);
  }
  const names = input.value.map((c) => c.value);
  if (!names.includes("@method")) return bad("@method must be covered");
  if (!names.includes("@target-uri") && !(names.includes("@authority") && (names.includes("@path") || names.includes("@request-target")))) {
    return bad("@target-uri (or @authority and @path) must be covered");
  }
  const lines: string[] = [];
  for (const c of input.value) {
    if (typeof c.value !== "string") return bad("Component identifiers must be strings", 400);
    const name = c.value;
    const id = `"${name}"${serializeParams(c.params)}`;
    if (name.startsWith("@")) {
      if (name === "@signature-params") return bad("@signature-params cannot be covered", 400);
      const v = derived(name, req.method, url, c.params);
      if (v === null) return bad(`Unsupported or missing component ${id}`);
      lines.push(`${id}: ${v}`);
    } else {
      if (Object.keys(c.params).length) return bad(`Unsupported component parameters on ${name}`);
      const v = req.headers.get(name);
      if (v === null) return bad(`Covered header ${name} is missing`);
      lines.push(`${id}: ${v.trim()}`);
    }
  }
  lines.push(`"@signature-params": ${input.raw}`);
  const digestProblem = checkContentDigest(req, names.includes("content-digest"));
  if (digestProblem) return bad(digestProblem);
  return {
    ok: true,
    keyId: keyid,
    data: Buffer.from(lines.join("\n")),
    signature: Buffer.from(sigValue),
    alg: typeof alg === "string" ? alg : "",
    scheme: "rfc9421",
  };
}

/**
 * Signs a request per RFC 9421 (rsa-v1_5-sha256 over @method @target-uri @authority date and,
 * for bodies, content-digest). Hearth signs draft-cavage by default, as Mastodon does; this is
 * for peers that ask for RFC 9421.
 */
export async function signRequestRfc9421(
  req: { method: string; url: string; headers?: Record<string, string>; body?: string | Uint8Array },
  key: SigningKey,
  now: number,
): Promise<Record<string, string>> {
  const url = new URL(req.url);
  const out: Record<string, string> = { ...req.headers, Host: url.host, Date: new Date(now).toUTCString() };
  const names = ["@method", "@target-uri", "@authority", "date"];
  if (req.body !== undefined && req.body !== null) {
    out["Content-Digest"] = `sha-256=:${createHash("sha256").update(req.body).digest("base64")}:`;
    names.push("content-digest");
  }
  const params = `(${names.map((n) => `"${n}"`).join(" ")});created=${Math.floor(now / 1000)};keyid="${key.keyId.replace(/[\\"]/g, "\\$&")}";alg="rsa-v1_5-sha256"`;
  const value = (n: string) =>
    n === "date" ? out.Date! : n === "content-digest" ? out["Content-Digest"]! : derived(n, req.method, url, {})!;
  const base = [...names.map((n) => `"${n}": ${value(n)}`), `"@signature-params": ${params}`].join("\n");
  out["Signature-Input"] = `sig1=${params}`;
  out.Signature = `sig1=:${(await signRsaSha256(key.privateKeyPem, Buffer.from(base))).toString("base64")}:`;
  return out;
}
