/** Resolves the bearer token of a request to who is acting and with which scopes. */
import { recordUserActivityDay } from "../db/queries/admin-metrics";
import type { AppContext } from "../context";
import type { Database } from "bun:sqlite";
import { getLiveTokenWithUser, setAccessTokenLastUsed, type TokenWithUserRow } from "../db/queries/oauth-access-tokens";
import { connectionChanges } from "../db/queries/write-stamp";
import { ApiError } from "../model/errors";

export interface Auth {
  tokenId: number;
  token: string;
  applicationId: number | null;
  /** Read-only: the same Set serves every request of the token while its row is cached. */
  scopes: Set<string>;
  /** Null for client_credentials (app-only) tokens. */
  userId: number | null;
  accountId: number | null;
  role: string | null;
}

/** Extracts the token from `Authorization: Bearer …` or the `access_token` query parameter. */
export function tokenFromRequest(request: Request, query?: URLSearchParams): string | null {
  const h = request.headers.get("authorization");
  if (h) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(h);
    return m ? m[1]! : null;
  }
  const q = query ?? new URL(request.url).searchParams;
  return q.get("access_token");
}

/** last_used_at (shown under authorized apps) is written at most this often per token. */
const LAST_USED_GRANULARITY_MS = 3600_000;

/**
 * Token rows as last read, per connection, with the write stamp they were read under: a row is
 * used again only while this connection has written nothing since (total_changes(), see
 * connectionChanges) and no other connection has committed (`PRAGMA data_version`, which the
 * request hook reads anyway for the IP blocks and hands in). Any write anywhere drops them all, so
 * a revoked token, a disabled or suspended user or a changed role take effect at the next request
 * as without the cache; under a read-heavy load it skips one query per request (issue 17).
 */
interface CachedToken {
  row: Readonly<TokenWithUserRow>;
  scopes: Set<string>;
  changes: number;
  dataVersion: number;
}
const tokenCaches = new WeakMap<Database, Map<string, CachedToken>>();
const MAX_CACHED_TOKENS = 10_000;

/** How many token rows `db`'s cache holds (for tests). */
export function cachedTokenCount(db: Database): number {
  return tokenCaches.get(db)?.size ?? 0;
}

/**
 * Looks up a live token (noting its last use, hourly); null when it is unknown, revoked, or
 * its user is unconfirmed or pending. A disabled or suspended user's token throws 403 "Your
 * login is currently disabled", as Mastodon answers (moderation keeps tokens; they stop working).
 * `dataVersion`: the connection's `PRAGMA data_version` read for this request; with it the row
 * may come from the cache above.
 */
export function authenticate(ctx: AppContext, token: string, dataVersion?: number): Auth | null {
  const db = ctx.db;
  let cache: Map<string, CachedToken> | undefined;
  let changes = -1;
  let cached: CachedToken | undefined;
  // Inside a transaction nothing is cached: its writes may still roll back.
  if (dataVersion !== undefined && !db.inTransaction) {
    cache = tokenCaches.get(db);
    if (!cache) tokenCaches.set(db, (cache = new Map()));
    changes = connectionChanges(db);
    cached = cache.get(token);
    if (cached && (cached.changes !== changes || cached.dataVersion !== dataVersion)) {
      cache.clear();
      cached = undefined;
    }
  }
  const r = cached?.row ?? getLiveTokenWithUser(db, token);
  if (!r) return null;
  if (r.user_id !== null && (r.account_id === null || !r.approved || r.confirmed_at === null)) return null;
  if (r.user_id !== null && (r.disabled || r.suspended_at !== null)) throw new ApiError(403, "Your login is currently disabled");
  const t = ctx.now();
  const newDay = r.last_used_at !== null && Math.floor(r.last_used_at / 86_400_000) !== Math.floor(t / 86_400_000);
  let wrote = false;
  if (r.last_used_at === null || t - r.last_used_at >= LAST_USED_GRANULARITY_MS || newDay) {
    setAccessTokenLastUsed(db, r.id, t);
    // The dashboard's active users and retention (Mastodon's ActivityTracker), at the same hourly pace.
    if (r.user_id !== null) recordUserActivityDay(db, r.user_id, Math.floor(t / 86_400_000));
    wrote = true;
  }
  let scopes = cached?.scopes;
  if (!scopes) {
    scopes = new Set(r.scopes.split(" ").filter(Boolean));
    // After a write the row is stale (last_used_at) and the stamp moved: the next request reads it again.
    if (cache && !wrote) {
      if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
      cache.set(token, { row: Object.freeze(r), scopes, changes, dataVersion: dataVersion! });
    }
  }
  return {
    tokenId: r.id,
    token: r.token,
    applicationId: r.application_id,
    // Shared by every request of this token while cached: read it, never change it.
    scopes,
    userId: r.user_id,
    accountId: r.account_id,
    role: r.role,
  };
}
