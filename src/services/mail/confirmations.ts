/**
 * E-mail confirmation: the link mailed at sign-up (an account cannot log in until it is followed,
 * as Mastodon), the same link for a changed address, and resending it (POST
 * /api/v1/emails/confirmations and the "didn't get the mail?" form).
 */
import type { AppContext } from "../../context";
import { getLiveTokenWithUser } from "../../db/queries/oauth-access-tokens";
import { transaction } from "../../db/transaction";
import {
  applyUserEmailChange,
  confirmUserEmail,
  emailTakenByOther,
  getUserMail,
  getUserMailByEmail,
  setUserEmail,
  setUserUnconfirmedEmail,
  type UserMailRow,
} from "../../db/queries/users-email";
import { confirmationMail } from "../../mail/messages";
import { ApiError } from "../../model/errors";
import { checkNewAccount, validationFailed, type ValidationDetails } from "../accounts/create-local";
import { queueEmailChange } from "./email-change";
import { mailBase, mailEnabled, queueMail } from "./queue";
import { issueEmailToken, takeEmailToken } from "./tokens";

/** Mails the confirmation link for the user's current address. Call inside a transaction; a no-op without SMTP. */
export function sendConfirmation(ctx: AppContext, u: Pick<UserMailRow, "id" | "email" | "username">): void {
  if (!mailEnabled(ctx)) return;
  const raw = issueEmailToken(ctx, u.id, "confirmation", u.email);
  queueMail(ctx, confirmationMail({ ...mailBase(ctx, u), link: ctx.uris.emailConfirmation(raw) }));
}

/** What following a confirmation link did. */
export type ConfirmResult =
  | { kind: "confirmed"; email: string }
  | { kind: "changed"; email: string }
  | { kind: "taken" }
  | { kind: "invalid" };

/**
 * Follows a mailed link: confirms a sign-up's address, or makes a requested new address the
 * account's e-mail. Each link works once and expires.
 */
export function confirmEmail(ctx: AppContext, raw: string): ConfirmResult {
  try {
    return transaction(ctx.db, (): ConfirmResult => {
      const t = ctx.now();
      const signUp = takeEmailToken(ctx, raw, "confirmation");
      if (signUp) {
        const u = getUserMail(ctx.db, signUp.user_id);
        if (!u || (signUp.email && signUp.email.toLowerCase() !== u.email.toLowerCase())) return { kind: "invalid" };
        confirmUserEmail(ctx.db, u.id, t);
        return { kind: "confirmed", email: u.email };
      }
      const change = takeEmailToken(ctx, raw, "email_change");
      if (!change?.email) return { kind: "invalid" };
      const u = getUserMail(ctx.db, change.user_id);
      if (!u || u.unconfirmed_email?.toLowerCase() !== change.email.toLowerCase()) return { kind: "invalid" };
      if (emailTakenByOther(ctx.db, change.email, u.id)) return { kind: "taken" };
      applyUserEmailChange(ctx.db, u.id, change.email, t);
      confirmUserEmail(ctx.db, u.id, t);
      return { kind: "changed", email: change.email };
    });
  } catch (e) {
    // Two accounts confirming one address at once: the unique index decides.
    if (e instanceof Error && /UNIQUE constraint/.test(e.message)) return { kind: "taken" };
    throw e;
  }
}

const NOT_OWNER = "This method is only available to the application the user originally signed-up with";
const NOT_PENDING = "This method is only available while the e-mail is awaiting confirmation";

/** The user behind a bearer token, confirmed or not (the API's usual check refuses unconfirmed users). */
function tokenUser(ctx: AppContext, bearer: string | null): { user: UserMailRow; applicationId: number | null } {
  const r = bearer ? getLiveTokenWithUser(ctx.db, bearer) : null;
  if (!r) throw new ApiError(401, "The access token is invalid");
  const user = r.user_id === null ? null : getUserMail(ctx.db, r.user_id);
  if (!user) throw new ApiError(422, "This method requires an authenticated user");
  if (user.disabled || user.suspended_at !== null) throw new ApiError(403, "Your login is currently disabled");
  return { user, applicationId: r.application_id };
}

/**
 * POST /api/v1/emails/confirmations: mails the confirmation link again, first replacing the
 * address when `email` is given. Only the app the user signed up with may, and only while the
 * address (or a requested new one) awaits confirmation, as Mastodon.
 */
export function resendConfirmation(ctx: AppContext, bearer: string | null, email: unknown): void {
  const { user, applicationId } = tokenUser(ctx, bearer);
  if (user.created_by_application_id === null || user.created_by_application_id !== applicationId) throw new ApiError(403, NOT_OWNER);
  const pendingChange = user.confirmed_at !== null;
  if (pendingChange && user.unconfirmed_email === null) throw new ApiError(403, NOT_PENDING);
  let next: string | null = null;
  if (email !== undefined && email !== null) {
    const details: ValidationDetails = {};
    if (typeof email !== "string") details.email = [{ error: "ERR_INVALID", description: "is invalid" }];
    else if (email.toLowerCase() !== user.email.toLowerCase()) checkNewAccount(ctx, { email }, details);
    if (Object.keys(details).length) throw validationFailed(details);
    next = (email as string).toLowerCase() === user.email.toLowerCase() ? null : (email as string);
  }
  transaction(ctx.db, () => {
    const t = ctx.now();
    if (pendingChange) {
      const target = next ?? user.unconfirmed_email!;
      setUserUnconfirmedEmail(ctx.db, user.id, target, t);
      queueEmailChange(ctx, user, target);
      return;
    }
    if (next !== null) setUserEmail(ctx.db, user.id, next, t);
    sendConfirmation(ctx, { ...user, email: next ?? user.email });
  });
}

/** GET /api/v1/emails/check_confirmation: whether the token's user has confirmed their address. */
export function checkConfirmation(ctx: AppContext, bearer: string | null): boolean {
  return tokenUser(ctx, bearer).user.confirmed_at !== null;
}

/** The "didn't receive the confirmation mail?" form: resends it when that address awaits confirmation; silent otherwise. */
export function resendConfirmationByEmail(ctx: AppContext, email: string): void {
  if (!mailEnabled(ctx) || !email || email.length > 320) return;
  transaction(ctx.db, () => {
    const u = getUserMailByEmail(ctx.db, email.trim());
    if (u && u.confirmed_at === null && !u.disabled && u.suspended_at === null) sendConfirmation(ctx, u);
  });
}
