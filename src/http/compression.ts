/**
 * Response compression (zstd, brotli, gzip) for every text-like response, applied once around the
 * whole app (src/server.ts) after the other headers are set. Media, event streams, WebSocket
 * upgrades, small bodies and responses that already carry a Content-Encoding (the web client's
 * precompressed assets) pass through untouched.
 */
import { promisify } from "node:util";
import zlib from "node:zlib";

/** Bodies smaller than this are sent as they are: the headers would eat the gain. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * Bodies from this size are compressed on the thread pool so a big collection does not hold up
 * the server's one JavaScript thread. Below it they are compressed inline: node:zlib's
 * asynchronous path (a stream per call) cost more CPU than the compression itself on a 130 KB
 * grouped notifications page (brotli 1: ~0.5 ms per request in the server's profile against
 * ~0.2 ms inline), and on one core the pool competes with the server's thread anyway (issue 17).
 */
const ASYNC_FROM_BYTES = 256 * 1024;

/**
 * Bodies from this size (timeline and notification pages) are compressed with brotli quality 1
 * and gzip level 1, smaller ones (pages, documents) with brotli 4 and gzip 6. API pages are
 * built per request, so their compression is paid on every request: measured on a 65 KB home
 * page (40 statuses) and a 130 KB grouped notifications page, brotli 1 is 12-20% larger than
 * quality 4 for 2.5-7x less CPU, gzip 1 about 50% larger than level 6 for 2-7x less (issue 17:
 * CPU per request on one small core). Quality 11 (the default) belongs to the build, where the
 * web client is precompressed.
 */
const FAST_FROM_BYTES = 16 * 1024;
const BROTLI_OPTIONS = (size: number) => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: size >= FAST_FROM_BYTES ? 1 : 4,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});
const GZIP_LEVEL = (size: number) => (size >= FAST_FROM_BYTES ? 1 : 6);
/**
 * Zstandard, preferred for clients that accept it (browsers do; Bun's fetch too): level 1 from
 * FAST_FROM_BYTES, 3 below. On the 130 KB notifications page level 1 is 20% smaller than brotli 1
 * for half its CPU (0.09 against 0.2 ms), on a 65 KB home page 8% smaller for a third; on a 1.8
 * KB status level 3 is as small as brotli 4 (704 against 664 B) for a quarter of its CPU (10
 * against 40 µs: brotli's per-call set-up dominates small bodies).
 */
const ZSTD_LEVEL = (size: number) => (size >= FAST_FROM_BYTES ? 1 : 3);
/** Codings for smaller bodies, in preference order. */
const DEFAULT_CODINGS: readonly ("br" | "gzip")[] = ["br", "gzip"];
/** The codings compressResponse offers, in preference order (pickEncoding's `available`). */
const OFFERED: readonly Encoding[] = ["zstd", "br", "gzip"];

const brotliAsync = promisify(zlib.brotliCompress);

/**
 * The text of responses made by textResponse. compressResponse takes the body's size and bytes
 * from it: reading the body back (a stream) and building a copy of the response cost more than
 * the rest of a small JSON answer's HTTP handling (issue 17).
 */
const bodyTexts = new WeakMap<Response, string>();

/** A response whose body is `text`, which compressResponse will not need to read back. */
export function textResponse(text: string, init: ResponseInit): Response {
  const res = new Response(text, init);
  bodyTexts.set(res, text);
  return res;
}

/**
 * The coding compressResponse answers `acceptEncoding` with (pickEncoding over OFFERED), remembered
 * per header value: clients send the same few values on every request.
 */
const offeredByHeader = new Map<string, Encoding | null>();
const MAX_REMEMBERED_HEADERS = 256;

export function offeredEncoding(acceptEncoding: string | null): Encoding | null {
  if (!acceptEncoding) return null;
  let e = offeredByHeader.get(acceptEncoding);
  if (e === undefined) {
    e = pickEncoding(acceptEncoding, OFFERED);
    if (offeredByHeader.size >= MAX_REMEMBERED_HEADERS) offeredByHeader.clear();
    offeredByHeader.set(acceptEncoding, e);
  }
  return e;
}
const gzipAsync = promisify(zlib.gzip);

/** Content codings Hearth answers with (zstd only from compressResponse: see OFFERED). */
export type Encoding = "br" | "gzip" | "zstd";

/** Content types worth compressing: text, JSON (Mastodon, ActivityPub, JRD), XML, JavaScript, SVG. */
export function isCompressible(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "text/event-stream") return false;
  return (
    type.startsWith("text/") ||
    type.endsWith("+json") ||
    type.endsWith("+xml") ||
    type === "application/json" ||
    type === "application/xml" ||
    type === "application/javascript" ||
    type === "application/manifest+json"
  );
}

/**
 * The encoding to answer with from an Accept-Encoding header, among `available` (preference
 * order): the one with the highest q, ties to the earlier one; q=0 refuses, `*` stands for
 * codings not named. Null means identity.
 */
export function pickEncoding<E extends Encoding = "br" | "gzip">(
  acceptEncoding: string | null,
  available: readonly E[] = DEFAULT_CODINGS as readonly Encoding[] as readonly E[],
): E | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name === "x-gzip" ? "gzip" : name, Number.isFinite(weight) ? weight : 0);
  }
  let best: E | null = null;
  let bestQ = 0;
  for (const enc of available) {
    const w = q.get(enc) ?? q.get("*") ?? 0;
    if (w > bestQ) {
      best = enc;
      bestQ = w;
    }
  }
  return best;
}

/** Adds `token` to the Vary header unless it is listed already (or Vary is `*`). */
export function addVary(headers: Headers, token: string): void {
  const vary = headers.get("vary");
  if (!vary) return headers.set("Vary", token);
  const listed = vary.split(",").map((v) => v.trim().toLowerCase());
  if (!listed.includes(token.toLowerCase()) && !listed.includes("*")) headers.set("Vary", `${vary}, ${token}`);
}

/** Compresses `body` (inline when small, on the thread pool when large). */
export async function compressBody(body: Uint8Array<ArrayBuffer>, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
  const large = body.byteLength >= ASYNC_FROM_BYTES;
  if (encoding === "zstd")
    return (
      large
        ? await Bun.zstdCompress(body, { level: ZSTD_LEVEL(body.byteLength) })
        : Bun.zstdCompressSync(body, { level: ZSTD_LEVEL(body.byteLength) })
    ) as Uint8Array<ArrayBuffer>;
  const out =
    encoding === "br"
      ? large
        ? await brotliAsync(body, BROTLI_OPTIONS(body.byteLength))
        : zlib.brotliCompressSync(body, BROTLI_OPTIONS(body.byteLength))
      : large
        ? await gzipAsync(body, { level: GZIP_LEVEL(body.byteLength) })
        : Bun.gzipSync(body, { level: GZIP_LEVEL(body.byteLength) });
  return out as Uint8Array<ArrayBuffer>;
}

/** A copy of `res` with its own, writable headers and the given body. */
function rebuild(res: Response, body: BodyInit | null, headers: Headers = new Headers(res.headers)): Response {
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

/**
 * Compresses `res` for `request` when the client accepts gzip or brotli and the response is a
 * compressible type of at least MIN_COMPRESS_BYTES. Every compressible response gets
 * `Vary: Accept-Encoding`, compressed or not, so caches keep the variants apart. A strong ETag
 * becomes weak on a compressed body (the bytes differ, the resource does not), as nginx does.
 */
export async function compressResponse(request: Request, res: Response): Promise<Response> {
  const status = res.status;
  if (status < 200 || status === 204 || status === 206 || status === 304) return res;
  if (!isCompressible(res.headers.get("content-type"))) return res;
  // Already encoded (the web client's precompressed files set their own Vary) or asked not to be touched.
  if (res.headers.has("content-encoding") || /\bno-transform\b/i.test(res.headers.get("cache-control") ?? "")) return res;
  const text = bodyTexts.get(res);
  const encoding =
    request.method === "HEAD" || (text === undefined && !res.body) ? null : offeredEncoding(request.headers.get("accept-encoding"));
  // A small text body is sent as it is: only Vary is added, in place when the headers allow it.
  const small =
    text !== undefined &&
    text.length < MIN_COMPRESS_BYTES &&
    (text.length < MIN_COMPRESS_BYTES / 3 || Buffer.byteLength(text) < MIN_COMPRESS_BYTES);
  if (!encoding || small) {
    // Untouched body: a file keeps its Content-Length and zero-copy send.
    try {
      addVary(res.headers, "Accept-Encoding");
      return res;
    } catch {
      const copy = rebuild(res, res.body);
      addVary(copy.headers, "Accept-Encoding");
      return copy;
    }
  }
  const headers = new Headers(res.headers);
  addVary(headers, "Accept-Encoding");
  const body = text !== undefined ? new TextEncoder().encode(text) : new Uint8Array(await res.arrayBuffer());
  if (body.byteLength < MIN_COMPRESS_BYTES) return rebuild(res, body, headers);
  const out = await compressBody(body, encoding);
  headers.set("Content-Encoding", encoding);
  headers.delete("Content-Length");
  const etag = headers.get("etag");
  if (etag && !etag.startsWith("W/")) headers.set("ETag", `W/${etag}`);
  return rebuild(res, out, headers);
}

/**
 * An Elysia higher-order function (`app.wrap`) around the whole request handler. Registered
 * after the security headers' wrap, so it runs outside it and sees (and keeps) every header.
 */
export function compressionWrap() {
  return (handle: (request: Request) => unknown) => async (request: Request) => {
    const res = await handle(request);
    if (!(res instanceof Response)) return res; // a WebSocket upgrade answers nothing
    return compressResponse(request, res);
  };
}
