/**
 * Changing a user's e-mail address (Devise's reconfirmable, as Mastodon): the new address takes
 * effect only once the link mailed to it is followed, and the old address is told. Without SMTP
 * there is no one to confirm it, so the change applies at once after the password check.
 */
import type { AppContext } from "../../context";
import {
  applyUserEmailChange,
  emailTakenByOther,
  getUserMail,
  setUserUnconfirmedEmail,
  type UserMailRow,
} from "../../db/queries/users-email";
import { getUserPasswordHash } from "../../db/queries/users";
import { transaction } from "../../db/transaction";
import { emailChangeMail, emailChangingMail } from "../../mail/messages";
import { ApiError } from "../../model/errors";
import { validEmail } from "../accounts/create-local";
import { verifyPassword } from "../security/passwords";
import { mailBase, mailEnabled, queueMail } from "./queue";
import { issueEmailToken } from "./tokens";

/** Mails the confirmation link to `newEmail` and a notice to the current address. Call inside a transaction. */
export function queueEmailChange(ctx: AppContext, u: Pick<UserMailRow, "id" | "email" | "username">, newEmail: string): void {
  if (!mailEnabled(ctx)) return;
  const raw = issueEmailToken(ctx, u.id, "email_change", newEmail);
  queueMail(ctx, emailChangeMail({ ...mailBase(ctx, u, newEmail), link: ctx.uris.emailConfirmation(raw) }));
  queueMail(ctx, emailChangingMail({ ...mailBase(ctx, u), newEmail, securityLink: ctx.uris.accountSecurity() }));
}

/**
 * Asks to change user `userId`'s address to `email` after checking the current password.
 * Returns "pending" (a link went to the new address) or "changed" (no SMTP: applied at once).
 * Throws 422 with a message to show.
 */
export async function requestEmailChange(
  ctx: AppContext,
  c: { userId: number; email: string; currentPassword: string },
): Promise<"pending" | "changed"> {
  const hash = getUserPasswordHash(ctx.db, c.userId);
  if (hash === null) throw new ApiError(404, "Record not found");
  if (!(await verifyPassword(hash, c.currentPassword))) throw new ApiError(422, "Your current password is incorrect.");
  const email = c.email.trim();
  if (!email || email.length > 320 || !validEmail(email)) throw new ApiError(422, "That is not a valid e-mail address.");
  return transaction(ctx.db, () => {
    const u = getUserMail(ctx.db, c.userId);
    if (!u) throw new ApiError(404, "Record not found");
    if (u.email.toLowerCase() === email.toLowerCase()) throw new ApiError(422, "That is already your e-mail address.");
    if (emailTakenByOther(ctx.db, email, u.id)) throw new ApiError(422, "That e-mail address is already in use.");
    const t = ctx.now();
    if (!mailEnabled(ctx)) {
      applyUserEmailChange(ctx.db, u.id, email, t);
      return "changed" as const;
    }
    setUserUnconfirmedEmail(ctx.db, u.id, email, t);
    queueEmailChange(ctx, u, email);
    return "pending" as const;
  });
}

/** What the account security page shows about e-mail: the address, a change awaiting its link, the digest setting. */
export function emailSettings(
  ctx: AppContext,
  userId: number,
): { email: string; pending: string | null; digest: boolean; mail: boolean } | null {
  const u = getUserMail(ctx.db, userId);
  return u ? { email: u.email, pending: u.unconfirmed_email, digest: !!u.digest_emails, mail: mailEnabled(ctx) } : null;
}
