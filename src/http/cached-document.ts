/**
 * Rarely-changing public documents (the instance entities, custom emojis, NodeInfo, WebFinger
 * and actor documents of local accounts) serialized once and kept, with their ETag and their
 * gzip/brotli bodies, until what they show changes:
 * - the document stamp (db/views/document-stamp): any write to settings, rules, local custom
 *   emojis or staff roles on this connection, or a commit by another process (the CLI);
 * - the account cache's change signal for the local accounts a document shows;
 * - `expiresAt` on the context's clock, for documents that show usage numbers.
 * Inside a transaction nothing is kept (the document is built and sent as it is).
 * `If-None-Match` with the current ETag answers 304.
 */
import type { AppContext } from "../context";
import { accountCache } from "../db/views/account-cache";
import { documentStamp, sameStamp, type DocumentStamp } from "../db/views/document-stamp";
import { addVary, compressBody, isCompressible, MIN_COMPRESS_BYTES, pickEncoding, type Encoding } from "./compression";

/** A document as its builder made it. */
export interface BuiltDocument {
  /** The body: JSON text. */
  text: string;
  contentType: string;
  /** Other headers of the answer (Cache-Control, Vary). */
  headers?: Record<string, string>;
  /** Local accounts whose rows the document shows: a change to one rebuilds it. */
  accounts?: number[];
  /** Clock time (ctx.now) from which the document is built again (it shows usage numbers). */
  expiresAt?: number;
}

interface Entry {
  doc: BuiltDocument;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  stamp: DocumentStamp | null;
  accountSeq: number;
  encoded: Partial<Record<Encoding, Promise<Uint8Array<ArrayBuffer>>>>;
}

/** Beyond this many kept documents (per-account ones add up) the cache starts over. */
const MAX_ENTRIES = 10_000;

const caches = new WeakMap<AppContext, Map<string, Entry>>();

/** The ETag of a body: a 64-bit hash of its bytes. */
export function etagOf(body: Uint8Array): string {
  return `"${Bun.hash(body).toString(36)}"`;
}

function entryOf(doc: BuiltDocument, stamp: DocumentStamp | null, accountSeq: number): Entry {
  const body = new TextEncoder().encode(doc.text) as Uint8Array<ArrayBuffer>;
  return { doc, body, etag: etagOf(body), stamp, accountSeq, encoded: {} };
}

function fresh(ctx: AppContext, e: Entry, stamp: DocumentStamp): boolean {
  if (!e.stamp || !sameStamp(e.stamp, stamp)) return false;
  if (e.doc.expiresAt !== undefined && ctx.now() >= e.doc.expiresAt) return false;
  if (e.doc.accounts?.length) {
    const ac = accountCache(ctx.db);
    if (!ac) return false;
    for (const id of e.doc.accounts) if (ac.changedSince(id, e.accountSeq)) return false;
  }
  return true;
}

/**
 * The kept document under `key`, or a new one from `build` (kept when it can be). Keys name
 * the document and everything else it depends on (e.g. the account or the NodeInfo version).
 */
export function cachedDocument(ctx: AppContext, key: string, build: () => BuiltDocument): Entry {
  let map = caches.get(ctx);
  if (!map) caches.set(ctx, (map = new Map()));
  const now = documentStamp(ctx.db);
  const hit = now ? map.get(key) : undefined;
  if (hit && now && fresh(ctx, hit, now)) return hit;
  const doc = build();
  // Read after building: a write the builder made (a first VAPID key) is part of what it saw.
  const stamp = documentStamp(ctx.db);
  const seq = doc.accounts?.length ? (accountCache(ctx.db)?.sequence ?? -1) : 0;
  const e = entryOf(doc, stamp, seq);
  if (stamp && seq >= 0) {
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, e);
  } else map.delete(key);
  return e;
}

/** Whether an If-None-Match header lists `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, "");
  for (const t of ifNoneMatch.split(",")) {
    const tag = t.trim();
    if (tag === "*" || tag.replace(/^W\//, "") === opaque) return true;
  }
  return false;
}

/**
 * The answer for a kept document: 304 when If-None-Match names it; else the body, already
 * compressed for the client when the compression wrap would have compressed it (same bytes,
 * same headers: Vary, Content-Encoding, the ETag made weak), so that wrap leaves it alone.
 */
export async function documentResponse(request: Request, e: Entry): Promise<Response> {
  const headers = new Headers({ "Content-Type": e.doc.contentType, ...e.doc.headers });
  const compressible = isCompressible(e.doc.contentType);
  const encoding =
    compressible && request.method !== "HEAD" && e.body.byteLength >= MIN_COMPRESS_BYTES
      ? pickEncoding(request.headers.get("accept-encoding"))
      : null;
  headers.set("ETag", encoding ? `W/${e.etag}` : e.etag);
  if (compressible) addVary(headers, "Accept-Encoding");
  if (etagMatches(request.headers.get("if-none-match"), e.etag)) {
    headers.delete("Content-Type");
    return new Response(null, { status: 304, headers });
  }
  if (!encoding) return new Response(e.body, { status: 200, headers });
  const body = await (e.encoded[encoding] ??= compressBody(e.body, encoding));
  headers.set("Content-Encoding", encoding);
  return new Response(body, { status: 200, headers });
}

/** Serves the document under `key` (see cachedDocument and documentResponse). */
export function serveDocument(ctx: AppContext, request: Request, key: string, build: () => BuiltDocument): Promise<Response> {
  return documentResponse(request, cachedDocument(ctx, key, build));
}
