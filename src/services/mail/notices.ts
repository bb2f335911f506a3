/**
 * Security notices by mail (Mastodon's UserMailer): password changed, two-factor turned on or off,
 * and a sign-in from an address or browser the account was not used from before. Each is enqueued
 * in the caller's transaction; without SMTP only the sign-in is recorded.
 */
import type { AppContext } from "../../context";
import { insertLoginActivity, knownSignIn } from "../../db/queries/login-activities";
import { newSignInMail, passwordChangedMail, twoFactorMail } from "../../mail/messages";
import { mailableUser, mailBase, mailEnabled, queueMail } from "./queue";

/** Mails "your password was changed". Call inside the transaction that changed it. */
export function noticePasswordChanged(ctx: AppContext, userId: number): void {
  const u = mailEnabled(ctx) ? mailableUser(ctx, userId) : null;
  if (u) queueMail(ctx, passwordChangedMail({ ...mailBase(ctx, u), securityLink: ctx.uris.accountSecurity() }));
}

/** Mails "two-factor authentication enabled/disabled". Call inside the transaction that changed it. */
export function noticeTwoFactor(ctx: AppContext, userId: number, enabled: boolean): void {
  const u = mailEnabled(ctx) ? mailableUser(ctx, userId) : null;
  if (u) queueMail(ctx, twoFactorMail({ ...mailBase(ctx, u), enabled, securityLink: ctx.uris.accountSecurity() }));
}

/**
 * Records a browser sign-in and, when the user had signed in before but never from this IP with
 * this browser, mails a notice. The first sign-in after sign-up sends nothing (as Mastodon's
 * SuspiciousSignInDetector skips fresh sign-ups). Call inside the transaction that starts the session.
 */
export function recordSignIn(ctx: AppContext, userId: number, ip: string, userAgent: string | null): void {
  const ua = userAgent?.slice(0, 500) ?? null;
  const seen = knownSignIn(ctx.db, userId, ip, ua);
  const t = ctx.now();
  insertLoginActivity(ctx.db, userId, ip, ua, t);
  if (!seen.any || seen.same) return;
  const u = mailEnabled(ctx) ? mailableUser(ctx, userId) : null;
  if (!u) return;
  queueMail(
    ctx,
    newSignInMail({
      ...mailBase(ctx, u),
      ip,
      browser: ua?.slice(0, 200) || "unknown",
      at: t,
      securityLink: ctx.uris.accountSecurity(),
    }),
  );
}
