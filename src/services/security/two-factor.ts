/**
 * Two-factor authentication state of a local user: setup (pending secret, confirm with a code,
 * recovery codes), checking a code at login (replay-safe, failures throttled per user), and
 * turning it off. The TOTP secret is stored sealed; recovery codes as hashes.
 */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { verifyPassword } from "./passwords";
import { consumeRecoveryCode, newRecoveryCodes, recoveryCodesLeft } from "./recovery-codes";
import { seal, unseal } from "./seal";
import { generateTotpSecret, matchTotp } from "./totp";

/** Failed codes a user may enter per window before further codes are refused. */
export const MAX_OTP_FAILURES = 10;
/** The window for MAX_OTP_FAILURES. */
export const OTP_FAILURE_WINDOW_MS = 3600_000;

interface OtpRow {
  id: number; password_hash: string; otp_secret: string | null; otp_pending_secret: string | null; otp_enabled_at: number | null;
  otp_recovery_codes: string; otp_last_step: number | null; otp_failures: number; otp_failures_window: number;
}

const fail = (msg: string) => new ApiError(422, msg);

function load(ctx: AppContext, userId: number): OtpRow {
  const row = ctx.db.query<OtpRow, [number]>(
    `SELECT id, password_hash, otp_secret, otp_pending_secret, otp_enabled_at, otp_recovery_codes, otp_last_step, otp_failures, otp_failures_window
     FROM users WHERE id = ?`,
  ).get(userId);
  if (!row) throw new ApiError(404, "Record not found");
  return row;
}

/** Whether a user must give a second factor when logging in. */
export function twoFactorEnabled(ctx: AppContext, userId: number): boolean {
  return !!ctx.db.query<{ enabled: number }, [number]>("SELECT otp_enabled_at IS NOT NULL AS enabled FROM users WHERE id = ?").get(userId)?.enabled;
}

/** What the settings pages show: on/off, since when, and unused recovery codes. */
export function twoFactorState(ctx: AppContext, userId: number): { enabledAt: number | null; recoveryCodesLeft: number } {
  const row = load(ctx, userId);
  return { enabledAt: row.otp_enabled_at, recoveryCodesLeft: row.otp_enabled_at ? recoveryCodesLeft(row.otp_recovery_codes) : 0 };
}

/** Starts (or resumes) setup: the base32 secret to show, kept sealed until a code confirms it. */
export function beginTwoFactorSetup(ctx: AppContext, userId: number): string {
  return ctx.db.transaction(() => {
    const row = load(ctx, userId);
    if (row.otp_enabled_at) throw fail("Two-factor authentication is already enabled.");
    const pending = unseal(ctx.secret, row.otp_pending_secret);
    if (pending) return pending;
    const secret = generateTotpSecret();
    ctx.db.query("UPDATE users SET otp_pending_secret = ?, updated_at = ? WHERE id = ?").run(seal(ctx.secret, secret), ctx.now(), userId);
    return secret;
  }).immediate();
}

/** Confirms setup with a code from the app: turns 2FA on and returns the recovery codes (shown once). */
export function confirmTwoFactorSetup(ctx: AppContext, userId: number, code: string): string[] {
  return ctx.db.transaction(() => {
    const row = load(ctx, userId);
    if (row.otp_enabled_at) throw fail("Two-factor authentication is already enabled.");
    const secret = unseal(ctx.secret, row.otp_pending_secret);
    if (!secret) throw fail("The setup has expired. Please start again.");
    const step = matchTotp(secret, code.replace(/\s/g, ""), ctx.now(), null);
    if (step === null) throw fail("Invalid two-factor code. Check your app's clock and enter the newest code.");
    const { codes, stored } = newRecoveryCodes(ctx.secret, userId);
    ctx.db.query(
      `UPDATE users SET otp_secret = otp_pending_secret, otp_pending_secret = NULL, otp_enabled_at = ?1, otp_recovery_codes = ?2,
         otp_last_step = ?3, otp_failures = 0, updated_at = ?1 WHERE id = ?4`,
    ).run(ctx.now(), stored, step, userId);
    return codes;
  }).immediate();
}

/**
 * Confirms setup after re-checking the password (as Mastodon asks before security changes, so a
 * stolen session cannot lock the owner out): returns the recovery codes. Throws 422.
 */
export async function enableTwoFactor(ctx: AppContext, userId: number, password: string, code: string): Promise<string[]> {
  if (!(await verifyPassword(load(ctx, userId).password_hash, password))) throw fail("Your password is incorrect.");
  return confirmTwoFactorSetup(ctx, userId, code);
}

export type SecondFactorResult = { ok: true; via: "totp" | "recovery" } | { ok: false; reason: "invalid" | "throttled" };

/** Checks a TOTP or recovery code inside the caller's transaction; records the outcome. */
function checkCode(ctx: AppContext, row: OtpRow, input: string): SecondFactorResult {
  const t = ctx.now();
  const fresh = t - row.otp_failures_window >= OTP_FAILURE_WINDOW_MS;
  const failures = fresh ? 0 : row.otp_failures;
  if (!row.otp_enabled_at) return { ok: false, reason: "invalid" };
  if (failures >= MAX_OTP_FAILURES) return { ok: false, reason: "throttled" };
  const code = input.replace(/\s/g, "");
  const secret = unseal(ctx.secret, row.otp_secret);
  const step = secret ? matchTotp(secret, code, t, row.otp_last_step) : null;
  if (step !== null) {
    ctx.db.query("UPDATE users SET otp_last_step = ?, otp_failures = 0 WHERE id = ?").run(step, row.id);
    return { ok: true, via: "totp" };
  }
  const left = consumeRecoveryCode(ctx.secret, row.id, row.otp_recovery_codes, code);
  if (left !== null) {
    ctx.db.query("UPDATE users SET otp_recovery_codes = ?, otp_failures = 0, updated_at = ? WHERE id = ?").run(left, t, row.id);
    return { ok: true, via: "recovery" };
  }
  ctx.db.query("UPDATE users SET otp_failures = ?, otp_failures_window = ? WHERE id = ?").run(failures + 1, fresh ? t : row.otp_failures_window, row.id);
  return { ok: false, reason: "invalid" };
}

/** Checks a second factor at login: a TOTP code (each step once) or an unused recovery code (consumed). */
export function verifySecondFactor(ctx: AppContext, userId: number, code: string): SecondFactorResult {
  return ctx.db.transaction(() => checkCode(ctx, load(ctx, userId), code)).immediate();
}

/** The message for a refused second factor. */
export function secondFactorMessage(reason: "invalid" | "throttled"): string {
  return reason === "throttled"
    ? "Too many wrong codes. Please wait an hour and try again."
    : "Invalid two-factor code or recovery code.";
}

/** Turns 2FA off after checking the password and a current code (or a recovery code). Throws 422. */
export async function disableTwoFactor(ctx: AppContext, userId: number, password: string, code: string): Promise<void> {
  if (!(await verifyPassword(load(ctx, userId).password_hash, password))) throw fail("Your password is incorrect.");
  const res = ctx.db.transaction(() => {
    const r = checkCode(ctx, load(ctx, userId), code);
    if (r.ok) clear(ctx, userId);
    return r;
  }).immediate();
  if (!res.ok) throw fail(secondFactorMessage(res.reason));
}

/** Replaces the recovery codes after checking a current code; returns the new codes (shown once). */
export function regenerateRecoveryCodes(ctx: AppContext, userId: number, code: string): string[] {
  const res = ctx.db.transaction(() => {
    const r = checkCode(ctx, load(ctx, userId), code);
    if (!r.ok) return r;
    const fresh = newRecoveryCodes(ctx.secret, userId);
    ctx.db.query("UPDATE users SET otp_recovery_codes = ?, updated_at = ? WHERE id = ?").run(fresh.stored, ctx.now(), userId);
    return fresh.codes;
  }).immediate();
  if (!Array.isArray(res)) throw fail(secondFactorMessage(res.reason));
  return res;
}

function clear(ctx: AppContext, userId: number): void {
  ctx.db.query(
    `UPDATE users SET otp_secret = NULL, otp_pending_secret = NULL, otp_enabled_at = NULL, otp_recovery_codes = '[]',
       otp_last_step = NULL, otp_failures = 0, otp_failures_window = 0, updated_at = ? WHERE id = ?`,
  ).run(ctx.now(), userId);
}

/** Turns 2FA off without any check (the `hearth admin accounts disable-2fa` command); true if it was on. */
export function adminDisableTwoFactor(ctx: AppContext, userId: number): boolean {
  return ctx.db.transaction(() => {
    const on = load(ctx, userId).otp_enabled_at !== null;
    clear(ctx, userId);
    return on;
  }).immediate();
}
