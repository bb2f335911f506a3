/** Resolves the bearer token of a request to who is acting and with which scopes. */
import { recordUserActivityDay } from "../db/queries/admin-metrics";
import type { AppContext } from "../context";
import { getLiveTokenWithUser, setAccessTokenLastUsed } from "../db/queries/oauth-access-tokens";
import { ApiError } from "../model/errors";

export interface Auth {
  tokenId: number;
  token: string;
  applicationId: number | null;
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
 * Looks up a live token (noting its last use, hourly); null when it is unknown, revoked, or
 * its user is unconfirmed or pending. A disabled or suspended user's token throws 403 "Your
 * login is currently disabled", as Mastodon answers (moderation keeps tokens; they stop working).
 */
export function authenticate(ctx: AppContext, token: string): Auth | null {
  const r = getLiveTokenWithUser(ctx.db, token);
  if (!r) return null;
  if (r.user_id !== null && (r.account_id === null || !r.approved || r.confirmed_at === null)) return null;
  if (r.user_id !== null && (r.disabled || r.suspended_at !== null)) throw new ApiError(403, "Your login is currently disabled");
  const t = ctx.now();
  const newDay = r.last_used_at !== null && Math.floor(r.last_used_at / 86_400_000) !== Math.floor(t / 86_400_000);
  if (r.last_used_at === null || t - r.last_used_at >= LAST_USED_GRANULARITY_MS || newDay) {
    setAccessTokenLastUsed(ctx.db, r.id, t);
    // The dashboard's active users and retention (Mastodon's ActivityTracker), at the same hourly pace.
    if (r.user_id !== null) recordUserActivityDay(ctx.db, r.user_id, Math.floor(t / 86_400_000));
  }
  return {
    tokenId: r.id,
    token: r.token,
    applicationId: r.application_id,
    scopes: new Set(r.scopes.split(" ").filter(Boolean)),
    userId: r.user_id,
    accountId: r.account_id,
    role: r.role,
  };
}
