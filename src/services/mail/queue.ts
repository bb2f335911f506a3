/** The one way services send mail: a `mail.send` job enqueued in the caller's transaction, only when SMTP is configured. */
import type { AppContext } from "../../context";
import type { MailBase } from "../../mail/messages";
import type { MailMessage } from "../../mail/transport";
import { getUserMail, type UserMailRow } from "../../db/queries/users-email";

/** True when SMTP_SERVER is set (without it Hearth sends nothing and the owner confirms accounts). */
export function mailEnabled(ctx: AppContext): boolean {
  return ctx.config.smtp !== null;
}

/** Enqueues one message (joins the caller's transaction); a no-op without SMTP. */
export function queueMail(ctx: AppContext, msg: MailMessage): void {
  if (!mailEnabled(ctx)) return;
  ctx.jobs.enqueue("mail.send", msg);
}

/** The recipient fields of a message to a user's current address. */
export function mailBase(ctx: AppContext, u: Pick<UserMailRow, "email" | "username">, to = u.email): MailBase {
  return { site: ctx.config.instanceTitle, to, username: u.username };
}

/** The mail view of a user whose login still works (not disabled, not suspended), else null. */
export function mailableUser(ctx: AppContext, userId: number): UserMailRow | null {
  const u = getUserMail(ctx.db, userId);
  return u && !u.disabled && u.suspended_at === null ? u : null;
}
