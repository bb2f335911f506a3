/**
 * Outgoing HTTP for federation (owner: signatures helper): SSRF-safe fetch (no private,
 * loopback or link-local addresses unless ALLOW_PRIVATE_ADDRESSES, only http/https, few
 * redirects, capped size and time) and signed ActivityPub GETs.
 *
 * Scheme rule: https always; plain http only when ALLOW_PRIVATE_ADDRESSES is set (tests, local
 * development) or this instance itself runs on http (PROTOCOL=http), as Mastodon only allows
 * http in development.
 *
 * DNS rebinding: each hop's host is resolved once (`ctx.outbound.resolve`), those addresses are
 * checked, and the connection goes to one of them (`ctx.outbound.connect`, ./pinned.ts) with
 * the name kept for Host and TLS; the name is never looked up again.
 */
import type { AppContext } from "../../context";
import { getLocalSigningKeyRow } from "../../db/queries/accounts";
import { HEARTH_VERSION } from "../../version";
import { isSuspendedDomain } from "./domain-policy";
import { instanceActorId } from "./instance-actor";
import { isPublicAddress } from "./ip-ranges";
import { isConnectFailure, isIpLiteral } from "./pinned";
import { signRequest, type SigningKey } from "./signatures";

export class FetchError extends Error {
  /** `permanent`: refused by policy (scheme, private address, blocked domain); retrying cannot help. */
  constructor(
    message: string,
    readonly status?: number,
    readonly permanent = false,
  ) {
    super(message);
  }
}

const refuse = (message: string) => new FetchError(message, undefined, true);

export interface SafeFetchOptions extends RequestInit {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Sign each hop (draft-cavage) with this key; redirects are re-signed for their new URL. */
  signer?: SigningKey;
  /** Do not read the body (deliveries only need the status); `body` comes back empty. */
  skipBody?: boolean;
  /** Keep the first `maxBytes` of a longer body instead of failing (pages read for previews, as Mastodon's truncated_body). */
  truncate?: boolean;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 3;

/** The Accept header of ActivityPub GETs. */
export const AP_ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

/**
 * Throws FetchError unless the URL's scheme, host and every address it resolves to are allowed;
 * returns those addresses, the only ones the request may connect to (with ALLOW_PRIVATE_ADDRESSES
 * they are resolved but not checked).
 */
export async function checkUrl(ctx: AppContext, url: URL): Promise<string[]> {
  const allowPrivate = ctx.config.allowPrivateAddresses;
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse(`refusing ${url.protocol} URL`);
  if (url.protocol === "http:" && !allowPrivate && ctx.config.protocol !== "http") throw refuse("refusing plain http URL");
  if (url.username || url.password) throw refuse("refusing URL with credentials");
  if (isSuspendedDomain(ctx, url.host)) throw refuse(`domain ${url.hostname} is blocked`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIpLiteral(host)) addresses = [host];
  else {
    try {
      addresses = await ctx.outbound.resolve(host);
    } catch {
      throw new FetchError(`cannot resolve ${host}`);
    }
  }
  if (!addresses.length) throw new FetchError(`cannot resolve ${host}`);
  if (!allowPrivate) for (const a of addresses) if (!isPublicAddress(a)) throw refuse(`refusing private address ${a} for ${host}`);
  return addresses;
}

/** Sends one hop to the first checked address that accepts a connection (nothing was sent to the others). */
async function dial(
  ctx: AppContext,
  url: URL,
  addresses: string[],
  req: { method: string; headers: Record<string, string>; body?: BodyInit | null; signal: AbortSignal },
): Promise<Response> {
  let failure: unknown;
  for (const address of addresses) {
    try {
      return await ctx.outbound.connect({ url, address, ...req });
    } catch (e) {
      if (!isConnectFailure(e) || req.signal.aborted) throw e;
      failure = e;
    }
  }
  throw failure;
}

/** fetch() with the safety rules above; the body is read fully (≤ maxBytes). */
export async function safeFetch(
  ctx: AppContext,
  url: string,
  opts: SafeFetchOptions = {},
): Promise<{ status: number; headers: Headers; body: Uint8Array; url: string }> {
  const {
    maxBytes = DEFAULT_MAX_BYTES,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxRedirects = DEFAULT_MAX_REDIRECTS,
    signer,
    skipBody,
    truncate,
    ...init
  } = opts;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw refuse(`invalid URL ${url}`);
  }
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await checkUrl(ctx, current);
      let headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => {
        headers[k] = v;
      });
      if (!Object.keys(headers).some((k) => k.toLowerCase() === "user-agent"))
        headers["User-Agent"] = `Hearth/${HEARTH_VERSION} (+${ctx.uris.base}/)`;
      if (signer) {
        const signedBody = typeof body === "string" || body instanceof Uint8Array ? body : undefined;
        headers = await signRequest({ method, url: current.href, headers, body: signedBody }, signer, ctx.now());
      }
      const res = await dial(ctx, current, addresses, { method, headers, body, signal });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel().catch(() => {});
        if (hop >= maxRedirects) throw new FetchError(`too many redirects (more than ${maxRedirects})`);
        current = new URL(location, current);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
          method = "GET";
          body = undefined;
        }
        continue;
      }
      if (skipBody) {
        await res.body?.cancel().catch(() => {});
        return { status: res.status, headers: res.headers, body: new Uint8Array(0), url: current.href };
      }
      return { status: res.status, headers: res.headers, body: await readCapped(res, maxBytes, truncate), url: current.href };
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    if (timeout.aborted) throw new FetchError(`timed out after ${timeoutMs} ms`);
    throw new FetchError(`request to ${current.host} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads a response body incrementally, aborting as soon as it passes `max` bytes. */
async function readCapped(res: Response, max: number, truncate = false): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > max && !truncate) {
    await res.body?.cancel().catch(() => {});
    throw new FetchError(`response too large (${declared} bytes, limit ${max})`);
  }
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      if (truncate) {
        chunks.push(value.subarray(0, value.byteLength - (size - max)));
        size = max;
        break;
      }
      throw new FetchError(`response too large (over ${max} bytes)`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** The signing key of a local account (keyId `<actor uri>#main-key`), or null when it has none. */
export function localSigningKey(ctx: AppContext, accountId: number): SigningKey | null {
  const row = getLocalSigningKeyRow(ctx.db, accountId);
  return row?.private_key_pem ? { keyId: `${row.uri}#main-key`, privateKeyPem: row.private_key_pem } : null;
}

const MAX_JSON_DEPTH = 64;

/** Throws FetchError when a parsed JSON value nests deeper than `max`. */
export function checkJsonDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d > max) throw new FetchError(`JSON nested deeper than ${max} levels`);
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === "object") stack.push([child, d + 1]);
  }
}

/**
 * GETs an ActivityPub document, signed by `signer` (a local account id, or the instance
 * actor by default). Throws FetchError on non-2xx, wrong content type or bad JSON.
 */
export async function fetchActivityJson(ctx: AppContext, url: string, signer?: number): Promise<Record<string, any>> {
  const key = localSigningKey(ctx, signer ?? (await instanceActorId(ctx)));
  if (!key) throw new FetchError("signer has no key");
  const res = await safeFetch(ctx, url, { headers: { Accept: AP_ACCEPT }, signer: key });
  if (res.status < 200 || res.status >= 300) throw new FetchError(`GET ${url} answered ${res.status}`, res.status);
  const type = (res.headers.get("content-type") ?? "").toLowerCase().split(";")[0]!.trim();
  if (!/^application\/([a-z0-9.+-]+\+)?json$/.test(type))
    throw new FetchError(`GET ${url} answered ${type || "no content type"}, not JSON`, res.status);
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new FetchError(`GET ${url} answered invalid JSON`, res.status);
  }
  checkJsonDepth(doc);
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new FetchError(`GET ${url} answered JSON that is not an object`, res.status);
  return doc as Record<string, any>;
}
