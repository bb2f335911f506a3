/**
 * Status visibility as stored (integers) and as Mastodon names it, and the one rule for who
 * may see a status as a pure predicate (mayViewStatus). Its SQL twin, visibleStatusSql, lives
 * with the other SQL in db/queries/visibility.ts; tests/model/visibility.test.ts runs the same
 * cases through both and through every path that shows a status (API, timelines,
 * notifications, streaming, ActivityPub fetches).
 */
export const VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Stored integer → Mastodon name. */
export function visibilityName(v: number): Visibility {
  return VISIBILITIES[v] ?? "direct";
}

/** Mastodon name → stored integer; undefined for unknown names. */
export function visibilityCode(name: string): number | undefined {
  const i = (VISIBILITIES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}

export const PUBLIC = 0;
export const UNLISTED = 1;
export const PRIVATE = 2;
export const DIRECT = 3;

/** What the rule needs to know about one viewer and one status's author. */
export interface ViewerRelation {
  /** No viewer: logged out, or an unsigned ActivityPub fetch. */
  anonymous: boolean;
  /** The viewer wrote the status. */
  isAuthor: boolean;
  /** The author is suspended (or gone). */
  authorSuspended: boolean;
  /** The viewer blocks the author, or the author blocks the viewer. */
  blocked: boolean;
  /** The status mentions the viewer. */
  mentioned: boolean;
  /** The viewer follows the author. */
  following: boolean;
}

/** A logged-out reader of a status whose author is not suspended. */
export const ANONYMOUS: ViewerRelation = {
  anonymous: true,
  isAuthor: false,
  authorSuspended: false,
  blocked: false,
  mentioned: false,
  following: false,
};

/**
 * Mastodon's StatusPolicy#show?: authors always see their own statuses; nobody else sees those
 * of a suspended author or across a block; public and unlisted are open to everyone else;
 * private to mentioned accounts and followers; direct (and anything unknown) to mentioned
 * accounts only.
 */
export function mayViewStatus(visibility: number, r: ViewerRelation): boolean {
  if (r.isAuthor) return true;
  if (r.authorSuspended || r.blocked) return false;
  if (visibility < PRIVATE) return true;
  if (r.anonymous) return false;
  return r.mentioned || (visibility === PRIVATE && r.following);
}
