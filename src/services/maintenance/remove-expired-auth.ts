/**
 * Sweeps sign-in leftovers (Mastodon's Vacuum::AccessTokensVacuum and session cleanup): revoked
 * access tokens, authorization codes that expired or were never redeemed within their 10 minutes,
 * and browser sessions idle longer than the session timeout.
 */
import type { AppContext } from "../../context";
import { deleteExpiredAccessGrants } from "../../db/queries/oauth-access-grants";
import { deleteRevokedAccessTokens } from "../../db/queries/oauth-access-tokens";
import { deleteIdleWebSessions } from "../../db/queries/web-sessions";
import { transaction } from "../../db/transaction";
import { CODE_TTL_MS } from "../oauth/grants";
import { SESSION_IDLE_MS } from "../oauth/sessions";

/** Deletes the expired rows; returns how many of each went. */
export function removeExpiredAuth(ctx: AppContext): { tokens: number; grants: number; sessions: number } {
  const t = ctx.now();
  return transaction(ctx.db, () => ({
    tokens: deleteRevokedAccessTokens(ctx.db, t),
    grants: deleteExpiredAccessGrants(ctx.db, t, t - CODE_TTL_MS),
    sessions: deleteIdleWebSessions(ctx.db, t - SESSION_IDLE_MS),
  }));
}
