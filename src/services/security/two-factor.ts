/**
 * Two-factor authentication state of a local user: setup (pending secret, confirm with a code,
 * recovery codes), checking a code at login (replay-safe, failures throttled per user), and
 * turning it off. The TOTP secret is stored sealed; recovery codes as hashes.
 */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import type { UserOtpRow } from "../../db/rows";
import {
  clearUserOtp,
  consumeUserRecoveryCode,
  enableUserOtp,
  getUserOtp,
  recordUserOtpFailure,
  setUserOtpLastStep,
  setUserOtpPendingSecret,
  setUserRecoveryCodes,
  userHasTwoFactor,
} from "../../db/queries/users";
import { transaction } from "../../db/transaction";
import { verifyPassword } from "./passwords";
import { consumeRecoveryCode, newRecoveryCodes, recoveryCodesLeft } from "./recovery-codes";
import { seal, unseal } from "./seal";
import { generateTotpSecret, matchTotp } from "./totp";
import { noticeTwoFactor } from "../mail/notices";

/** Failed codes a user may enter per window before further codes are refused. */
export const MAX_OTP_FAILURES = 10;
/** The window for MAX_OTP_FAILURES. */
export const OTP_FAILURE_WINDOW_MS = 3600_000;

type OtpRow = UserOtpRow;

const fail = (msg: string) => new ApiError(422, msg);

function load(ctx: AppContext, userId: number): OtpRow {
  const row = getUserOtp(ctx.db, userId);
  if (!row) throw new ApiError(404, "Record not found");
  return row;
}

/** Whether a user must give a second factor when logging in. */
export function twoFactorEnabled(ctx: AppContext, userId: number): boolean {
  return userHasTwoFactor(ctx.db, userId);
}

/** What the settings pages show: on/off, since when, and unused recovery codes. */
export function twoFactorState(ctx: AppContext, userId: number): { enabledAt: number | null; recoveryCodesLeft: number } {
  const row = load(ctx, userId);
  return { enabledAt: row.otp_enabled_at, recoveryCodesLeft: row.otp_enabled_at ? recoveryCodesLeft(row.otp_recovery_codes) : 0 };
}

/** Starts (or resumes) setup: the base32 secret to show, kept sealed until a code confirms it. */
export function beginTwoFactorSetup(ctx: AppContext, userId: number): string {
  return transaction(ctx.db, () => {
    const row = load(ctx, userId);
    if (row.otp_enabled_at) throw fail("Two-factor authentication is already enabled.");
    const pending = unseal(ctx.secret, row.otp_pending_secret);
    if (pending) return pending;
    const secret = generateTotpSecret();
    setUserOtpPendingSecret(ctx.db, userId, seal(ctx.secret, secret), ctx.now());
    return secret;
  });
}

/** Confirms setup with a code from the app: turns 2FA on and returns the recovery codes (shown once). */
export function confirmTwoFactorSetup(ctx: AppContext, userId: number, code: string): string[] {
  return transaction(ctx.db, () => {
    const row = load(ctx, userId);
    if (row.otp_enabled_at) throw fail("Two-factor authentication is already enabled.");
    const secret = unseal(ctx.secret, row.otp_pending_secret);
    if (!secret) throw fail("The setup has expired. Please start again.");
    const step = matchTotp(secret, code.replace(/\s/g, ""), ctx.now(), null);
    if (step === null) throw fail("Invalid two-factor code. Check your app's clock and enter the newest code.");
    const { codes, stored } = newRecoveryCodes(ctx.secret, userId);
    enableUserOtp(ctx.db, userId, stored, step, ctx.now());
    noticeTwoFactor(ctx, userId, true);
    return codes;
  });
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
    setUserOtpLastStep(ctx.db, row.id, step);
    return { ok: true, via: "totp" };
  }
  const left = consumeRecoveryCode(ctx.secret, row.id, row.otp_recovery_codes, code);
  if (left !== null) {
    consumeUserRecoveryCode(ctx.db, row.id, left, t);
    return { ok: true, via: "recovery" };
  }
  recordUserOtpFailure(ctx.db, row.id, failures + 1, fresh ? t : row.otp_failures_window);
  return { ok: false, reason: "invalid" };
}

/** Checks a second factor at login: a TOTP code (each step once) or an unused recovery code (consumed). */
export function verifySecondFactor(ctx: AppContext, userId: number, code: string): SecondFactorResult {
  return transaction(ctx.db, () => checkCode(ctx, load(ctx, userId), code));
}

/** The message for a refused second factor. */
export function secondFactorMessage(reason: "invalid" | "throttled"): string {
  return reason === "throttled" ? "Too many wrong codes. Please wait an hour and try again." : "Invalid two-factor code or recovery code.";
}

/** Turns 2FA off after checking the password and a current code (or a recovery code). Throws 422. */
export async function disableTwoFactor(ctx: AppContext, userId: number, password: string, code: string): Promise<void> {
  if (!(await verifyPassword(load(ctx, userId).password_hash, password))) throw fail("Your password is incorrect.");
  const res = transaction(ctx.db, () => {
    const r = checkCode(ctx, load(ctx, userId), code);
    if (r.ok) {
      clear(ctx, userId);
      noticeTwoFactor(ctx, userId, false);
    }
    return r;
  });
  if (!res.ok) throw fail(secondFactorMessage(res.reason));
}

/** Replaces the recovery codes after checking a current code; returns the new codes (shown once). */
export function regenerateRecoveryCodes(ctx: AppContext, userId: number, code: string): string[] {
  const res = transaction(ctx.db, () => {
    const r = checkCode(ctx, load(ctx, userId), code);
    if (!r.ok) return r;
    const fresh = newRecoveryCodes(ctx.secret, userId);
    setUserRecoveryCodes(ctx.db, userId, fresh.stored, ctx.now());
    return fresh.codes;
  });
  if (!Array.isArray(res)) throw fail(secondFactorMessage(res.reason));
  return res;
}

function clear(ctx: AppContext, userId: number): void {
  clearUserOtp(ctx.db, userId, ctx.now());
}

/** Turns 2FA off without any check (the `hearth admin accounts disable-2fa` command); true if it was on. */
export function adminDisableTwoFactor(ctx: AppContext, userId: number): boolean {
  return transaction(ctx.db, () => {
    const on = load(ctx, userId).otp_enabled_at !== null;
    clear(ctx, userId);
    if (on) noticeTwoFactor(ctx, userId, false);
    return on;
  });
}
