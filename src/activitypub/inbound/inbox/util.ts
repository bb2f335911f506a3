/**
 * Small helpers shared by the inbox handlers: reading loosely typed AS2 values, origin
 * checks, and finding local accounts and statuses by URI.
 */
import type { AppContext } from "../../../context";
import { getAccountByUri, getActiveLocalAccountByUri } from "../../../db/queries/accounts";
import { getLocalStatusByUrl, getStatusByUri } from "../../../db/queries/statuses";
import { insertTombstone, isTombstoned as tombstoned } from "../../../db/queries/tombstones";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { transaction } from "../../../db/transaction";
import { DIRECT, PRIVATE, PUBLIC, UNLISTED } from "../../../model/visibility";

/** A parsed incoming activity (loose JSON). */
export type Activity = Record<string, any>;

/** Context passed to every inbox handler along with the activity. */
export interface InboxContext {
  /** The verified signer, equal to the activity's actor. */
  actor: AccountRow;
  /** Set when the activity came to a personal inbox. */
  recipientUsername?: string;
}

/** One handler per activity type. Returns nothing; ignores what it does not understand. */
export type InboxHandler = (ctx: AppContext, activity: Activity, ic: InboxContext) => Promise<void> | void;

export const AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

/** The id of a value that is a URI string or an object with `id` (undefined otherwise). */
export function idOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && !Array.isArray(v) && typeof (v as any).id === "string") return (v as any).id;
  return undefined;
}

/** The value as an array (AS2 allows one value or many). */
export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The `type` of an object (first one when an array), or undefined for strings. */
export function typeOf(v: unknown): string | undefined {
  if (!v || typeof v !== "object") return undefined;
  const t = (v as any).type;
  if (typeof t === "string") return t;
  if (Array.isArray(t) && typeof t[0] === "string") return t[0];
  return undefined;
}

/** The origin (scheme://host:port) of a URL, or null when unparsable. */
export function originOf(uri: string | undefined): string | null {
  if (!uri) return null;
  try {
    return new URL(uri).origin;
  } catch {
    return null;
  }
}

/** The host (with port) of a URL, lower-cased, or null. */
export function hostOf(uri: string | undefined): string | null {
  if (!uri) return null;
  try {
    return new URL(uri).host.toLowerCase();
  } catch {
    return null;
  }
}

/** True when both URIs parse and share scheme, host and port. */
export function sameOrigin(a: string | undefined, b: string | undefined): boolean {
  const oa = originOf(a);
  return oa !== null && oa === originOf(b);
}

/** Whether an audience value names the public collection (also `as:Public` / `Public`). */
export function isPublicCollection(v: unknown): boolean {
  return v === AS_PUBLIC || v === "as:Public" || v === "Public";
}

/** Mastodon's visibility_from_audience for activities like Announce. */
export function visibilityFromAudience(activity: Activity, actor: AccountRow): number {
  const to = asArray(activity.to).map(idOf);
  const cc = asArray(activity.cc).map(idOf);
  if (to.some(isPublicCollection)) return PUBLIC;
  if (cc.some(isPublicCollection)) return UNLISTED;
  if (actor.followers_url && to.includes(actor.followers_url)) return PRIVATE;
  return DIRECT;
}

/** The local account with this actor URI (not suspended), or null. */
export function localAccountByUri(ctx: AppContext, uri: string | undefined): AccountRow | null {
  if (!uri || !uri.startsWith(ctx.uris.base + "/")) return null;
  return getActiveLocalAccountByUri(ctx.db, uri);
}

/** Any known account with this URI, or null. */
export function accountByUri(ctx: AppContext, uri: string | undefined): AccountRow | null {
  if (!uri) return null;
  return getAccountByUri(ctx.db, uri);
}

/** A known status by its URI (or its URL for local statuses), or null. */
export function statusByUri(ctx: AppContext, uri: string | undefined): StatusRow | null {
  if (!uri) return null;
  return getStatusByUri(ctx.db, uri) ?? (uri.startsWith(ctx.uris.base + "/") ? getLocalStatusByUrl(ctx.db, uri) : null);
}

/** A local original status (not a boost) by URI, or null. */
export function localStatusByUri(ctx: AppContext, uri: string | undefined): StatusRow | null {
  const s = statusByUri(ctx, uri);
  return s && s.local === 1 && s.reblog_of_id === null ? s : null;
}

/** True when a tombstone records that `uri` was deleted (a late Create must not revive it). */
export function isTombstoned(ctx: AppContext, uri: string | undefined): boolean {
  return !!uri && tombstoned(ctx.db, uri);
}

/** Records that `uri` was deleted by `accountId`. Call inside the handler's transaction. */
export function addTombstone(ctx: AppContext, uri: string, accountId: number | null): void {
  insertTombstone(ctx.db, uri, accountId, ctx.now());
}

/** Runs `fn` in one immediate transaction (all writes of one activity). */
export function inTransaction<T>(ctx: AppContext, fn: () => T): T {
  return transaction(ctx.db, fn);
}
