/** Visibility of incoming objects from their addressing, as Mastodon derives it. */
import { DIRECT, PRIVATE, PUBLIC, UNLISTED } from "../../model/visibility";

const PUBLIC_IDS = new Set(["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"]);

/** A to/cc value (string, object with id, or array of either) as a list of URIs. */
export function audienceList(v: unknown): string[] {
  const arr = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return arr
    .map((x) => (typeof x === "string" ? x : x && typeof x === "object" && typeof (x as any).id === "string" ? (x as any).id : null))
    .filter((x): x is string => !!x);
}

/** True for the AS2 public collection in any of its spellings. */
export function isPublicCollection(uri: string): boolean {
  return PUBLIC_IDS.has(uri);
}

/**
 * Public in `to` → public; Public in `cc` → unlisted; the author's followers collection
 * addressed → private; anything else → direct.
 */
export function visibilityFromAudience(to: unknown, cc: unknown, followersUrl: string | null): number {
  const t = audienceList(to);
  const c = audienceList(cc);
  if (t.some(isPublicCollection)) return PUBLIC;
  if (c.some(isPublicCollection)) return UNLISTED;
  if (followersUrl && (t.includes(followersUrl) || c.includes(followersUrl))) return PRIVATE;
  return DIRECT;
}
