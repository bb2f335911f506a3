/**
 * Typed readers of request parameters (strings, Rails-style booleans, integers, arrays, files),
 * pure functions over an already parsed params object; 422 on a value of the wrong type.
 * Routes reach them through http/params.ts; services (poll validation) import them from here.
 */
import { ApiError } from "./errors";

/** Parsed request parameters: query string merged with the body. */
export type Params = Record<string, unknown>;

/** A string parameter, or undefined. Rejects non-strings with 422. */
export function str(p: Params, key: string, opts: { max?: number } = {}): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v !== "string") throw new ApiError(422, `Validation failed: ${key} must be a string`);
  if (opts.max !== undefined && v.length > opts.max)
    throw new ApiError(422, `Validation failed: ${key} is too long (maximum is ${opts.max} characters)`);
  return v;
}

/** Rails-style boolean: true/1/on/yes are true, false/0/off/no/"" false. */
export function bool(p: Params, key: string): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    const s = v.toLowerCase();
    if (["true", "1", "on", "yes", "t"].includes(s)) return true;
    if (["false", "0", "off", "no", "f", ""].includes(s)) return false;
  }
  throw new ApiError(422, `Validation failed: ${key} must be a boolean`);
}

/** An integer parameter within [min, max]; 422 otherwise. */
export function int(p: Params, key: string, opts: { min?: number; max?: number } = {}): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new ApiError(422, `Validation failed: ${key} must be an integer`);
  if (opts.min !== undefined && n < opts.min) throw new ApiError(422, `Validation failed: ${key} must be at least ${opts.min}`);
  if (opts.max !== undefined && n > opts.max) throw new ApiError(422, `Validation failed: ${key} must be at most ${opts.max}`);
  return n;
}

/** An array parameter: accepts arrays, Rails index-hashes ({"0": …}) and single values. */
export function arr(p: Params, key: string): unknown[] | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === "object" && !(v instanceof Blob)) {
    const keys = Object.keys(v as object);
    if (keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => (v as any)[k]);
  }
  return [v];
}

/** An array of strings (ids, scopes, types); 422 on anything else. */
export function strArr(p: Params, key: string): string[] | undefined {
  const a = arr(p, key);
  if (!a) return undefined;
  return a.map((x) => {
    if (typeof x === "string") return x;
    if (typeof x === "number") return String(x);
    throw new ApiError(422, `Validation failed: ${key} must be an array of strings`);
  });
}

/** A file upload parameter, or undefined; 422 when something else was sent. */
export function file(p: Params, key: string): File | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (v instanceof Blob) return v as File;
  throw new ApiError(422, `Validation failed: ${key} must be a file`);
}
