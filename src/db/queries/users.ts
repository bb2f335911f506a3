/** Queries on `users`: the login side of local accounts (email, password hash, role, settings). */
import type { Database } from "bun:sqlite";
import type { UserRow, UserOtpRow } from "../rows";

/** True when a user has this email, case-insensitively. */
export function emailTaken(db: Database, email: string): boolean {
  return !!db.query("SELECT 1 FROM users WHERE lower(email) = lower(?)").get(email);
}

/** The user of local account `accountId`, else null. */
export function getUserByAccountId(db: Database, accountId: number): UserRow | null {
  return db.query<UserRow, [number]>("SELECT * FROM users WHERE account_id = ?").get(accountId);
}

/** A new user's columns (the rest take the table's defaults). */
export type NewUserRow = Pick<
  UserRow,
  "id" | "account_id" | "email" | "password_hash" | "role" | "confirmed_at" | "approved" | "locale" | "reason" | "sign_up_ip" | "created_at"
>;

/** Inserts a user and returns its row. */
export function insertUser(db: Database, r: NewUserRow): UserRow {
  return db
    .query<UserRow, any[]>(
      `INSERT INTO users (id, account_id, email, password_hash, role, confirmed_at, approved, locale, reason, sign_up_ip, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      r.id,
      r.account_id,
      r.email,
      r.password_hash,
      r.role,
      r.confirmed_at,
      r.approved,
      r.locale,
      r.reason,
      r.sign_up_ip,
      r.created_at,
      r.created_at,
    )!;
}

/** Replaces a user's settings JSON. */
export function updateUserSettings(db: Database, id: number, settingsJson: string, now: number): void {
  db.query("UPDATE users SET settings = ?, updated_at = ? WHERE id = ?").run(settingsJson, now, id);
}

/** True once any user exists (the owner account has been created). */
export function anyUserExists(db: Database): boolean {
  return !!db.query("SELECT 1 FROM users LIMIT 1").get();
}

/** How many users there are. */
export function countUsers(db: Database): number {
  return db.query<{ n: number }, []>("SELECT count(*) AS n FROM users").get()!.n;
}

/** True when account `accountId` has a login. */
export function accountHasUser(db: Database, accountId: number): boolean {
  return !!db.query("SELECT 1 FROM users WHERE account_id = ?").get(accountId);
}

/** Approves a pending sign-up. */
export function approveUser(db: Database, userId: number, now: number): void {
  db.query("UPDATE users SET approved = 1, updated_at = ? WHERE id = ?").run(now, userId);
}

/** Re-enables a disabled login. */
export function enableUser(db: Database, userId: number, now: number): void {
  db.query("UPDATE users SET disabled = 0, updated_at = ? WHERE id = ?").run(now, userId);
}

/** Disables a login. */
export function disableUser(db: Database, userId: number, now: number): void {
  db.query("UPDATE users SET disabled = 1, updated_at = ? WHERE id = ?").run(now, userId);
}

/** Disables the login of account `accountId` (no-op for accounts without one). */
export function disableUserOfAccount(db: Database, accountId: number, now: number): void {
  db.query("UPDATE users SET disabled = 1, updated_at = ? WHERE account_id = ?").run(now, accountId);
}

/** Deletes a user row (the account stays). */
export function deleteUser(db: Database, userId: number): void {
  db.query("DELETE FROM users WHERE id = ?").run(userId);
}

/** Account ids of enabled, unsuspended users whose role is one of `roles`. */
export function listActiveStaffAccountIds(db: Database, roles: readonly string[]): number[] {
  return db
    .query<{ account_id: number }, string[]>(
      `SELECT u.account_id FROM users u JOIN accounts a ON a.id = u.account_id
     WHERE u.role IN (${roles.map(() => "?").join(", ")}) AND u.disabled = 0 AND a.suspended_at IS NULL`,
    )
    .all(...roles)
    .map((r) => r.account_id);
}

/** The user whose e-mail, or local username, is `login` (e-mail matches first), with the account's suspended_at. */
export function findUserForLogin(db: Database, login: string): (UserRow & { suspended_at: number | null }) | null {
  return db
    .query<UserRow & { suspended_at: number | null }, [string]>(
      `SELECT u.*, a.suspended_at FROM users u JOIN accounts a ON a.id = u.account_id
     WHERE lower(u.email) = lower(?1) OR (a.domain IS NULL AND lower(a.username) = lower(?1))
     ORDER BY (lower(u.email) = lower(?1)) DESC LIMIT 1`,
    )
    .get(login);
}

/** True when user `userId` may log in: enabled, approved, confirmed and not suspended. */
export function userMayLogIn(db: Database, userId: number): boolean {
  const row = db
    .query<{ ok: number }, [number]>(
      `SELECT (u.disabled = 0 AND u.approved = 1 AND u.confirmed_at IS NOT NULL AND a.suspended_at IS NULL) AS ok
     FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.id = ?`,
    )
    .get(userId);
  return !!row?.ok;
}

/** The user's password hash, else null when there is no such user. */
export function getUserPasswordHash(db: Database, userId: number): string | null {
  return db.query<{ password_hash: string }, [number]>("SELECT password_hash FROM users WHERE id = ?").get(userId)?.password_hash ?? null;
}

/** Stores a new password hash. */
export function setUserPasswordHash(db: Database, userId: number, hash: string, now: number): void {
  db.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?").run(hash, now, userId);
}

/** Replaces the password hash only if it is still `oldHash`; returns how many rows changed (0 or 1). */
export function replaceUserPasswordHash(db: Database, userId: number, oldHash: string, hash: string, now: number): number {
  return db.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?").run(hash, now, userId, oldHash)
    .changes;
}

/** The user's two-factor columns, else null. */
export function getUserOtp(db: Database, userId: number): UserOtpRow | null {
  return db
    .query<UserOtpRow, [number]>(
      `SELECT id, password_hash, otp_secret, otp_pending_secret, otp_enabled_at, otp_recovery_codes, otp_last_step, otp_failures, otp_failures_window
     FROM users WHERE id = ?`,
    )
    .get(userId);
}

/** True when the user has two-factor authentication on. */
export function userHasTwoFactor(db: Database, userId: number): boolean {
  return !!db.query<{ enabled: number }, [number]>("SELECT otp_enabled_at IS NOT NULL AS enabled FROM users WHERE id = ?").get(userId)
    ?.enabled;
}

/** Stores the sealed secret of a two-factor setup in progress. */
export function setUserOtpPendingSecret(db: Database, userId: number, sealed: string, now: number): void {
  db.query("UPDATE users SET otp_pending_secret = ?, updated_at = ? WHERE id = ?").run(sealed, now, userId);
}

/** Turns two-factor on: the pending secret becomes the secret, with fresh recovery codes and the step just used. */
export function enableUserOtp(db: Database, userId: number, recoveryCodes: string, step: number, now: number): void {
  db.query(
    `UPDATE users SET otp_secret = otp_pending_secret, otp_pending_secret = NULL, otp_enabled_at = ?1, otp_recovery_codes = ?2,
       otp_last_step = ?3, otp_failures = 0, updated_at = ?1 WHERE id = ?4`,
  ).run(now, recoveryCodes, step, userId);
}

/** Records an accepted TOTP step (so it is not accepted again) and clears the failure count. */
export function setUserOtpLastStep(db: Database, userId: number, step: number): void {
  db.query("UPDATE users SET otp_last_step = ?, otp_failures = 0 WHERE id = ?").run(step, userId);
}

/** Stores the recovery codes left after one was used, and clears the failure count. */
export function consumeUserRecoveryCode(db: Database, userId: number, left: string, now: number): void {
  db.query("UPDATE users SET otp_recovery_codes = ?, otp_failures = 0, updated_at = ? WHERE id = ?").run(left, now, userId);
}

/** Records a failed code: the new failure count and the start of its window. */
export function recordUserOtpFailure(db: Database, userId: number, failures: number, windowStart: number): void {
  db.query("UPDATE users SET otp_failures = ?, otp_failures_window = ? WHERE id = ?").run(failures, windowStart, userId);
}

/** Replaces the recovery codes. */
export function setUserRecoveryCodes(db: Database, userId: number, stored: string, now: number): void {
  db.query("UPDATE users SET otp_recovery_codes = ?, updated_at = ? WHERE id = ?").run(stored, now, userId);
}

/** Turns two-factor off, forgetting secrets, recovery codes and failures. */
export function clearUserOtp(db: Database, userId: number, now: number): void {
  db.query(
    `UPDATE users SET otp_secret = NULL, otp_pending_secret = NULL, otp_enabled_at = NULL, otp_recovery_codes = '[]',
       otp_last_step = NULL, otp_failures = 0, otp_failures_window = 0, updated_at = ? WHERE id = ?`,
  ).run(now, userId);
}

/** The account id of the first owner (else admin): the instance's contact; null when none. */
export function getContactAccountId(db: Database): number | null {
  return (
    db
      .query<{ account_id: number }, []>(
        "SELECT account_id FROM users WHERE role IN ('owner', 'admin') ORDER BY role = 'owner' DESC, id LIMIT 1",
      )
      .get()?.account_id ?? null
  );
}

/** Local users able to log in: approved, enabled, account not suspended. */
export function countLoginCapableUsers(db: Database): number {
  return db
    .query<{ n: number }, []>(
      "SELECT count(*) AS n FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.approved = 1 AND u.disabled = 0 AND a.suspended_at IS NULL",
    )
    .get()!.n;
}

/**
 * Local users able to log in that were active since `since`: they posted, used a token, had a
 * browser session or signed up in the window.
 */
export function countActiveUsersSince(db: Database, since: number): number {
  return db
    .query<{ n: number }, { since: number }>(
      `SELECT count(*) AS n FROM users u JOIN accounts a ON a.id = u.account_id
     WHERE u.approved = 1 AND u.disabled = 0 AND a.suspended_at IS NULL AND (
       u.created_at >= $since OR a.last_status_at >= $since
       OR EXISTS (SELECT 1 FROM oauth_access_tokens t WHERE t.user_id = u.id AND (t.last_used_at >= $since OR t.created_at >= $since))
       OR EXISTS (SELECT 1 FROM web_sessions w WHERE w.user_id = u.id AND w.last_seen_at >= $since))`,
    )
    .get({ since })!.n;
}

/** Week windows for the weekly counts: `first` is the first week's start, `week` its length, `firstId` the smallest id of that time. */
export type WeekWindow = { first: number; week: number; firstId: number };

/** Sign-ups per week index (0 = the week starting at `first`). */
export function countRegistrationsByWeek(db: Database, w: WeekWindow): Map<number, number> {
  return new Map(
    db
      .query<{ w: number; n: number }, WeekWindow>(
        "SELECT (created_at - $first) / $week AS w, count(*) AS n FROM users WHERE created_at >= $first GROUP BY w",
      )
      .all(w)
      .map((r) => [r.w, r.n]),
  );
}

/** Distinct users who got a token or a browser session, per week index (0 = the week starting at `first`). */
export function countLoginsByWeek(db: Database, w: WeekWindow): Map<number, number> {
  return new Map(
    db
      .query<{ w: number; n: number }, WeekWindow>(
        `SELECT w, count(DISTINCT user_id) AS n FROM (
         SELECT (created_at - $first) / $week AS w, user_id FROM oauth_access_tokens WHERE user_id IS NOT NULL AND created_at >= $first
         UNION ALL SELECT (created_at - $first) / $week AS w, user_id FROM web_sessions WHERE created_at >= $first
       ) GROUP BY w`,
      )
      .all(w)
      .map((r) => [r.w, r.n]),
  );
}

/** The settings JSON text of user `userId` (null when the user is gone). */
export function getUserSettingsJson(db: Database, userId: number): string | null {
  return db.query<{ settings: string }, [number]>("SELECT settings FROM users WHERE id = ?").get(userId)?.settings ?? null;
}
