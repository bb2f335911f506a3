/** POST /api/v1/accounts: sign-up through an app token, obeying REGISTRATIONS (open/approval/closed). */
import { readInstanceSettings } from "../instance/settings";
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { ipSeverities } from "../admin/ip-blocks";
import { signUpEmailBlocked } from "../admin/email-blocks";
import { transaction } from "../../db/transaction";
import { checkNewAccount, createLocalAccount, validationFailed, type ValidationDetails } from "../accounts/create-local";
import { issueToken, type TokenRow } from "../oauth/tokens";
import { notifyStaff } from "../admin/notify-staff";
import { setUserCreatedByApplication } from "../../db/queries/users-email";
import { sendConfirmation } from "../mail/confirmations";
import { mailEnabled } from "../mail/queue";

export interface SignUp {
  username: unknown;
  email: unknown;
  password: unknown;
  agreement: unknown;
  locale: unknown;
  reason: unknown;
}

const LOCALE_RE = /^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/;

function accepted(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === "string" && ["true", "1", "on", "yes"].includes(v.toLowerCase()));
}

/**
 * Creates the user and a token for it with the app token's scopes. "open" makes an approved
 * user; "approval" leaves it unapproved (the token stops working until approved). With SMTP the
 * address must be confirmed first: the confirmation mail is enqueued with the user; without
 * SMTP the user starts confirmed.
 * Staff with manage_users get an admin.sign_up notification.
 */
export async function registerAccount(
  ctx: AppContext,
  s: SignUp,
  via: { applicationId: number | null; scopes: string[]; ip: string },
): Promise<TokenRow> {
  const mode = readInstanceSettings(ctx);
  if (mode.registrationsMode === "none") throw new ApiError(403, "This action is not allowed");
  // IP blocks (Mastodon's allowed_registration? and sign_up_from_ip_requires_approval?).
  const ipBlocks = ipSeverities(ctx, via.ip);
  if (ipBlocks.has("sign_up_block") || ipBlocks.has("no_access")) throw new ApiError(403, "This action is not allowed");
  const details: ValidationDetails = {};
  const add = (k: string, error: string, description: string) => {
    (details[k] ??= []).push({ error, description });
  };
  // Blank or not text is reported here; the rest (format, length, reserved, taken) as for every new account.
  const text = (k: string, v: unknown): string | undefined => {
    if (v === undefined || v === null || v === "") add(k, "ERR_BLANK", "can't be blank");
    else if (typeof v !== "string") add(k, "ERR_INVALID", "is invalid");
    else return v;
    return undefined;
  };
  const username = text("username", s.username);
  const email = text("email", s.email);
  const password = text("password", s.password);
  checkNewAccount(ctx, { username, email, password }, details);
  if (!accepted(s.agreement)) add("agreement", "ERR_ACCEPTED", "must be accepted");
  let locale = "en";
  if (s.locale !== undefined && s.locale !== null && s.locale !== "") {
    if (typeof s.locale !== "string" || s.locale.length > 16 || !LOCALE_RE.test(s.locale))
      add("locale", "ERR_INCLUSION", "is not included in the list");
    else locale = s.locale;
  }
  let reason: string | null = null;
  if (s.reason !== undefined && s.reason !== null && s.reason !== "") {
    if (typeof s.reason !== "string") add("reason", "ERR_INVALID", "is invalid");
    else if (s.reason.length > 500) add("reason", "ERR_TOO_LONG", "is too long (maximum is 500 characters)");
    else reason = s.reason;
  }
  // Mastodon's require_invite_text: an approval-mode sign-up must say why.
  if (reason === null && mode.registrationsMode === "approved" && mode.reasonRequired) add("reason", "ERR_BLANK", "can't be blank");
  // E-mail domain and canonical e-mail blocks (Mastodon's email: :blocked).
  if (email !== undefined && !details.email && (await signUpEmailBlocked(ctx, email)))
    add("email", "ERR_BLOCKED", "uses a disallowed e-mail provider");
  if (Object.keys(details).length || username === undefined || email === undefined || password === undefined)
    throw validationFailed(details);
  const approved = mode.registrationsMode === "open" && !ipBlocks.has("sign_up_requires_approval");
  let user, account;
  try {
    ({ user, account } = await createLocalAccount(ctx, {
      username,
      email,
      password,
      locale,
      reason,
      signUpIp: via.ip,
      confirmed: !mailEnabled(ctx),
      approved,
      role: "user",
      within: ({ account, user }) => {
        setUserCreatedByApplication(ctx.db, user.id, via.applicationId);
        sendConfirmation(ctx, { id: user.id, email: user.email, username: account.username });
      },
    }));
  } catch (e) {
    // Two sign-ups racing for one name pass validation together; the unique index decides.
    if (e instanceof Error && /UNIQUE constraint/.test(e.message))
      throw validationFailed({ username: [{ error: "ERR_TAKEN", description: "has already been taken" }] });
    throw e;
  }
  // Staff who manage users hear of every sign-up (Mastodon's admin.sign_up), pending or not.
  transaction(ctx.db, () => notifyStaff(ctx, "manage_users", { fromAccountId: account.id, type: "admin.sign_up" }));
  return issueToken(ctx, { applicationId: via.applicationId, userId: user.id, scopes: via.scopes });
}
