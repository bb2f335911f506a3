/** Single-use, expiring tokens for the links Hearth mails; only their SHA-256 is stored. */
import type { AppContext } from "../../context";
import {
  deleteExpiredUserEmailTokens,
  deleteUserEmailToken,
  getLiveUserEmailToken,
  replaceUserEmailToken,
  type EmailTokenPurpose,
  type UserEmailTokenRow,
} from "../../db/queries/user-email-tokens";
import { sha256Hex } from "../oauth/secrets";
import { randomToken } from "../oauth/tokens";

/** How long each kind of link works (Devise's confirm_within and Mastodon's reset_password_within). */
export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  confirmation: 2 * 24 * 3600_000,
  email_change: 2 * 24 * 3600_000,
  reset_password: 6 * 3600_000,
};

/** Makes a token for `purpose` (earlier ones of that purpose stop working); returns the raw token for the link. Call inside a transaction. */
export function issueEmailToken(ctx: AppContext, userId: number, purpose: EmailTokenPurpose, email: string | null = null): string {
  const raw = randomToken(32);
  const t = ctx.now();
  deleteExpiredUserEmailTokens(ctx.db, t);
  replaceUserEmailToken(ctx.db, { userId, purpose, tokenHash: sha256Hex(raw), email, expiresAt: t + TOKEN_TTL_MS[purpose], now: t });
  return raw;
}

/** The live token for a link, else null (unknown, expired or already used). */
export function findEmailToken(ctx: AppContext, raw: string, purpose: EmailTokenPurpose): UserEmailTokenRow | null {
  if (!raw || raw.length > 200) return null;
  return getLiveUserEmailToken(ctx.db, sha256Hex(raw), purpose, ctx.now());
}

/** Uses up a link's token inside the caller's transaction: returns its row once, then null. */
export function takeEmailToken(ctx: AppContext, raw: string, purpose: EmailTokenPurpose): UserEmailTokenRow | null {
  const row = findEmailToken(ctx, raw, purpose);
  return row && deleteUserEmailToken(ctx.db, row.id) ? row : null;
}
