/** Queries on `user_email_tokens`: the single-use links sent by mail (only their SHA-256 is stored). */
import type { Database } from "bun:sqlite";

/** What a mailed link is for. */
export type EmailTokenPurpose = "confirmation" | "reset_password" | "email_change";

/** A stored link token. */
export interface UserEmailTokenRow {
  id: number;
  user_id: number;
  purpose: EmailTokenPurpose;
  token_hash: string;
  email: string | null;
  expires_at: number;
  created_at: number;
}

/** Stores a new token, replacing the user's earlier ones of the same purpose (only the newest link works). */
export function replaceUserEmailToken(
  db: Database,
  t: { userId: number; purpose: EmailTokenPurpose; tokenHash: string; email: string | null; expiresAt: number; now: number },
): void {
  db.query("DELETE FROM user_email_tokens WHERE user_id = ? AND purpose = ?").run(t.userId, t.purpose);
  db.query("INSERT INTO user_email_tokens (user_id, purpose, token_hash, email, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)").run(
    t.userId,
    t.purpose,
    t.tokenHash,
    t.email,
    t.expiresAt,
    t.now,
  );
}

/** The unexpired token with this hash and purpose, else null. */
export function getLiveUserEmailToken(db: Database, tokenHash: string, purpose: EmailTokenPurpose, now: number): UserEmailTokenRow | null {
  return db
    .query<UserEmailTokenRow, [string, string, number]>(
      "SELECT * FROM user_email_tokens WHERE token_hash = ? AND purpose = ? AND expires_at > ?",
    )
    .get(tokenHash, purpose, now);
}

/** Deletes one token (it has been used); returns whether it was still there. */
export function deleteUserEmailToken(db: Database, id: number): boolean {
  return db.query("DELETE FROM user_email_tokens WHERE id = ?").run(id).changes === 1;
}

/** Deletes a user's tokens of one purpose. */
export function deleteUserEmailTokens(db: Database, userId: number, purpose: EmailTokenPurpose): void {
  db.query("DELETE FROM user_email_tokens WHERE user_id = ? AND purpose = ?").run(userId, purpose);
}

/** Deletes expired tokens; returns how many. */
export function deleteExpiredUserEmailTokens(db: Database, now: number): number {
  return db.query("DELETE FROM user_email_tokens WHERE expires_at <= ?").run(now).changes;
}
