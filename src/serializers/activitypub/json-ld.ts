/** Small readers for the loose shapes of remote JSON-LD (strings, objects, arrays). */

/** A value as an array (undefined/null → []). */
export function asArray<T = unknown>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : v === undefined || v === null ? [] : [v as T];
}

/** The id of a value that is a URI string or an object with `id`. */
export function idOf(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  if (typeof x === "string") return x;
  if (x && typeof x === "object" && typeof (x as any).id === "string") return (x as any).id;
  return undefined;
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(v: unknown): v is string {
  if (typeof v !== "string" || v.length > 2048) return false;
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

/** `url` may be a string, a Link object or an array of either; prefers `preferredType` links. */
export function urlToHref(v: unknown, preferredType?: string): string | undefined {
  const arr = asArray<any>(v);
  const pick =
    arr.find((l) => typeof l === "string" || !preferredType || (l?.mediaType ?? l?.mimeType ?? "text/html") === preferredType) ?? arr[0];
  const href = typeof pick === "string" ? pick : typeof pick?.href === "string" ? pick.href : undefined;
  return isHttpUrl(href) ? href : undefined;
}

/** The origin (scheme://host:port) of a URL, or null. */
export function originOf(uri: string): string | null {
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}

/** The host of a URL including a non-default port (how account domains are stored), lower-cased. */
export function hostOf(uri: string): string | null {
  try {
    return new URL(uri).host.toLowerCase();
  } catch {
    return null;
  }
}

/** True when both URLs have the same origin. */
export function sameOrigin(a: string, b: string): boolean {
  const x = originOf(a);
  return x !== null && x === originOf(b);
}

/** A URI without its fragment. */
export function withoutFragment(uri: string): string {
  const i = uri.indexOf("#");
  return i < 0 ? uri : uri.slice(0, i);
}

/** A plain-text string value capped to `max` characters ('' when absent). */
export function text(v: unknown, max: number): string {
  return typeof v === "string" ? v.slice(0, max) : "";
}

/** A parsed timestamp in ms, or undefined. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}
