/** Creates a local account with its user row and RSA key pair. */
import type { AppContext } from "../../context";
import { insertLocalAccount, localUsernameTaken } from "../../db/queries/accounts";
import { emailTaken, insertUser } from "../../db/queries/users";
import type { AccountRow, UserRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";

export const USERNAME_RE = /^[a-z0-9_]+$/i;
/** Devise's `email_regexp`: one `@`, no white space. */
const DEVISE_EMAIL_RE = /^[^@\s]+@[^@\s]+$/;
/** RFC 5322 atext (and any non-ASCII character): what a dot-atom label is made of. */
const DOT_ATOM_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+)*$/;
/** Names that would collide with routes or impersonate the server. */
const RESERVED = new Set([
  "admin",
  "administrator",
  "root",
  "support",
  "help",
  "settings",
  "api",
  "oauth",
  "system",
  "instance",
  "actor",
  "inbox",
  "well-known",
  "nodeinfo",
  "about",
  "explore",
  "web",
  "public",
  "users",
  "tags",
]);

export interface NewLocalAccount {
  username: string;
  email: string;
  password: string;
  role?: "owner" | "admin" | "moderator" | "user";
  confirmed?: boolean;
  approved?: boolean;
  locale?: string;
  reason?: string | null;
  signUpIp?: string | null;
  /** Allow reserved names (the admin CLI may). */
  allowReserved?: boolean;
  /** Runs inside the insert's transaction (sign-up enqueues its confirmation mail there). */
  within?: (created: { account: AccountRow; user: UserRow }) => void;
}

/** Mastodon's ValidationErrorFormatter `details`: field → every error found on it. */
export type ValidationDetails = Record<string, { error: string; description: string }[]>;

/** Mastodon's names for the fields in full messages (config/locales/activerecord.en.yml). */
const FIELD_NAMES: Record<string, string> = { email: "E-mail address", agreement: "Service agreement", reason: "Reason" };
const FIELD_ORDER = ["email", "username", "password", "agreement", "locale", "reason"];

/** Mastodon's sign-up 422: "Validation failed: " and every full message, with `details` (fields in a fixed order). */
export function validationFailed(details: ValidationDetails): ApiError {
  const rank = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  const ordered: ValidationDetails = {};
  for (const k of Object.keys(details).sort((a, b) => rank(a) - rank(b))) ordered[k] = details[k]!;
  const name = (k: string) => FIELD_NAMES[k] ?? `${k[0]!.toUpperCase()}${k.slice(1)}`;
  const msg = Object.entries(ordered)
    .flatMap(([k, v]) => v.map((e) => `${name(k)} ${e.description}`))
    .join(", ");
  return new ApiError(422, `Validation failed: ${msg}`, { details: ordered });
}

/**
 * Mastodon's e-mail check: Devise's format plus EmailAddressValidator (the address must parse
 * as a plain addr-spec). Like Mastodon it accepts single-label domains such as `localhost`.
 */
export function validEmail(email: string): boolean {
  if (!DEVISE_EMAIL_RE.test(email)) return false;
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const localOk = DOT_ATOM_RE.test(local) || /^"([^"\\\r\n]|\\.)*"$/.test(local);
  const domainOk = DOT_ATOM_RE.test(domain) || /^\[[^\[\]\\]*\]$/.test(domain);
  return localOk && domainOk;
}

/**
 * Checks a new local account's username, e-mail and password as Mastodon's Account and User
 * validations do, adding every failure to `details` (taken names and addresses included).
 * Fields left undefined are not checked. Reads only.
 */
export function checkNewAccount(
  ctx: AppContext,
  n: { username?: string; email?: string; password?: string; allowReserved?: boolean },
  details: ValidationDetails,
): void {
  const db = ctx.db;
  const add = (k: string, error: string, description: string) => {
    (details[k] ??= []).push({ error, description });
  };
  if (n.username !== undefined) {
    const username = n.username.trim();
    if (username === "") add("username", "ERR_BLANK", "can't be blank");
    else {
      if (!USERNAME_RE.test(username)) add("username", "ERR_INVALID", "must contain only letters, numbers and underscores");
      if (username.length > 30) add("username", "ERR_TOO_LONG", "is too long (maximum is 30 characters)");
      if (!n.allowReserved && RESERVED.has(username.toLowerCase())) add("username", "ERR_RESERVED", "is reserved");
      if (localUsernameTaken(db, username)) add("username", "ERR_TAKEN", "has already been taken");
    }
  }
  if (n.email !== undefined) {
    if (n.email === "") add("email", "ERR_BLANK", "can't be blank");
    else if (n.email.length > 320) add("email", "ERR_TOO_LONG", "is too long (maximum is 320 characters)");
    else if (!validEmail(n.email)) add("email", "ERR_INVALID", "is invalid");
    else if (emailTaken(db, n.email)) add("email", "ERR_TAKEN", "has already been taken");
  }
  if (n.password !== undefined) {
    if (n.password === "") add("password", "ERR_BLANK", "can't be blank");
    else if (n.password.length < 8) add("password", "ERR_TOO_SHORT", "is too short (minimum is 8 characters)");
    else if (n.password.length > 72) add("password", "ERR_TOO_LONG", "is too long (maximum is 72 characters)");
  }
}

/** Validates and inserts account + user in one transaction. Throws 422 ApiErrors on bad input. */
export async function createLocalAccount(ctx: AppContext, n: NewLocalAccount): Promise<{ account: AccountRow; user: UserRow }> {
  const username = n.username.trim();
  const db = ctx.db;
  const errors: ValidationDetails = {};
  checkNewAccount(ctx, { username, email: n.email, password: n.password, allowReserved: n.allowReserved }, errors);
  if (Object.keys(errors).length) throw validationFailed(errors);
  const [hash, keys] = await Promise.all([ctx.hashPassword(n.password), ctx.newKeyPair()]);
  const t = ctx.now();
  return transaction(db, () => {
    const id = ctx.ids.next();
    const account = insertLocalAccount(db, {
      id,
      username,
      uri: ctx.uris.actor(username),
      url: ctx.uris.profile(username),
      inbox_url: ctx.uris.inbox(username),
      shared_inbox_url: ctx.uris.sharedInbox(),
      outbox_url: ctx.uris.outbox(username),
      followers_url: ctx.uris.followers(username),
      following_url: ctx.uris.following(username),
      featured_url: ctx.uris.featured(username),
      public_key_pem: keys.publicKey,
      private_key_pem: keys.privateKey,
      created_at: t,
    });
    const user = insertUser(db, {
      id: ctx.ids.next(),
      account_id: id,
      email: n.email,
      password_hash: hash,
      role: n.role ?? "user",
      confirmed_at: n.confirmed === false ? null : t,
      approved: n.approved === false ? 0 : 1,
      locale: n.locale ?? "en",
      reason: n.reason ?? null,
      sign_up_ip: n.signUpIp ?? null,
      created_at: t,
    });
    n.within?.({ account, user });
    return { account, user };
  });
}
