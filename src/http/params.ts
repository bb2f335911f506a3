/**
 * Request parameters the way Rails/Mastodon read them: query string merged with a JSON,
 * form-urlencoded or multipart body, where `a[]=` builds arrays and `a[b][c]=` builds objects.
 */
import { ApiError } from "../model/errors";
import type { Params } from "../model/params";

export type { Params } from "../model/params";

/** Largest non-multipart body we accept. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Largest multipart body (media uploads). */
export const MAX_MULTIPART_BYTES = 110 * 1024 * 1024;
const MAX_DEPTH = 8;
const MAX_KEYS = 2000;

function splitKey(key: string): string[] | null {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!m) return null;
  const parts = [m[1]!];
  const rest = m[2]!;
  for (const p of rest.matchAll(/\[([^[\]]*)\]/g)) parts.push(p[1]!);
  return parts.length > MAX_DEPTH ? null : parts;
}

const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);

/** Sets one Rails-style key into `target`. Keys that do not parse are kept flat. */
export function assignParam(target: Params, key: string, value: unknown): void {
  // A plain key (`limit`, `max_id`: most of them) names itself; splitKey would say the same.
  if (!key.includes("[")) {
    if (!UNSAFE.has(key)) target[key] = value;
    return;
  }
  const parts = splitKey(key);
  if (!parts || parts.some((p) => UNSAFE.has(p))) {
    if (!UNSAFE.has(key)) target[key] = value;
    return;
  }
  let cur: any = target;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const last = i === parts.length - 1;
    const nextIsArray = !last && parts[i + 1] === "";
    if (p === "") {
      if (!Array.isArray(cur)) return;
      if (last) {
        cur.push(value);
        return;
      }
      // `a[][b]=`: start a new element unless the last one lacks this key
      const k = parts[i + 1]!;
      let el = cur[cur.length - 1];
      if (!el || typeof el !== "object" || k in el) {
        el = {};
        cur.push(el);
      }
      cur = el;
      continue;
    }
    if (last) {
      cur[p] = value;
      return;
    }
    if (cur[p] === undefined || typeof cur[p] !== "object" || cur[p] === null || (nextIsArray && !Array.isArray(cur[p]))) {
      cur[p] = nextIsArray ? [] : {};
    }
    cur = cur[p];
  }
}

/** Builds params from key/value pairs (URLSearchParams or FormData entries). */
export function fromPairs(pairs: Iterable<[string, unknown]>, into: Params = {}): Params {
  let n = 0;
  for (const [k, v] of pairs) {
    if (++n > MAX_KEYS) throw new ApiError(422, "Too many parameters");
    assignParam(into, k, v);
  }
  return into;
}

function depth(v: unknown, d = 0): number {
  if (d > 32) return d;
  if (Array.isArray(v)) return Math.max(d, ...v.map((x) => depth(x, d + 1)));
  if (v && typeof v === "object") return Math.max(d, ...Object.values(v).map((x) => depth(x, d + 1)));
  return d;
}

/** The body as text, refusing more than MAX_BODY_BYTES (413). */
export async function readRawBody(request: Request): Promise<string> {
  const len = Number(request.headers.get("content-length") ?? "0");
  if (len > MAX_BODY_BYTES) throw new ApiError(413, "Request entity too large");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, "Request entity too large");
  return text;
}

/** Reads and parses a request body by content type. Throws ApiError 400/413/415-style errors. */
export async function parseBody(request: Request, contentType: string): Promise<Params> {
  const ct = contentType.toLowerCase();
  const len = Number(request.headers.get("content-length") ?? "0");
  const isMultipart = ct.startsWith("multipart/form-data");
  const limit = isMultipart ? MAX_MULTIPART_BYTES : MAX_BODY_BYTES;
  if (len > limit) throw new ApiError(413, "Request entity too large");
  if (isMultipart) {
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ApiError(400, "Error occurred while parsing request parameters");
    }
    return fromPairs(form.entries() as Iterable<[string, unknown]>);
  }
  const text = await request.text();
  if (text.length > limit) throw new ApiError(413, "Request entity too large");
  if (text.trim() === "") return {};
  if (ct.includes("json")) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      throw new ApiError(400, "Error occurred while parsing request parameters");
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ApiError(400, "Error occurred while parsing request parameters");
    if (depth(v) > 16) throw new ApiError(400, "Error occurred while parsing request parameters");
    return v as Params;
  }
  if (ct.startsWith("application/x-www-form-urlencoded") || ct === "") {
    return fromPairs(new URLSearchParams(text));
  }
  return {};
}

// The typed readers (str, bool, int, arr, strArr, file) live in model/params.ts so services can use them too.
export { arr, bool, file, int, str, strArr } from "../model/params";
