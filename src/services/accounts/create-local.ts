/** Creates a local account with its user row and RSA key pair. */
import type { AppContext } from "../../context";
import { insertLocalAccount, localUsernameTaken } from "../../db/queries/accounts";
import { emailTaken, insertUser } from "../../db/queries/users";
import type { AccountRow, UserRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";

export const USERNAME_RE = /^[a-z0-9_]+$/i;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
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
}

/** Validates and inserts account + user in one transaction. Throws 422 ApiErrors on bad input. */
export async function createLocalAccount(ctx: AppContext, n: NewLocalAccount): Promise<{ account: AccountRow; user: UserRow }> {
  const username = n.username.trim();
  const errors: Record<string, { error: string; description: string }[]> = {};
  const add = (k: string, code: string, d: string) => {
    (errors[k] ??= []).push({ error: code, description: d });
  };
  if (!USERNAME_RE.test(username)) add("username", "ERR_INVALID", "only letters, numbers and underscores");
  else if (username.length > 30) add("username", "ERR_TOO_LONG", "is too long (maximum is 30 characters)");
  else if (!n.allowReserved && RESERVED.has(username.toLowerCase())) add("username", "ERR_RESERVED", "is reserved");
  if (!EMAIL_RE.test(n.email) || n.email.length > 320) add("email", "ERR_INVALID", "is invalid");
  if (n.password.length < 8) add("password", "ERR_TOO_SHORT", "is too short (minimum is 8 characters)");
  if (n.password.length > 72) add("password", "ERR_TOO_LONG", "is too long (maximum is 72 characters)");
  const db = ctx.db;
  if (!errors.username && localUsernameTaken(db, username)) add("username", "ERR_TAKEN", "is already taken");
  if (!errors.email && emailTaken(db, n.email)) add("email", "ERR_TAKEN", "is already taken");
  if (Object.keys(errors).length) {
    const msg = Object.entries(errors)
      .map(([k, v]) => `${k[0]!.toUpperCase()}${k.slice(1)} ${v[0]!.description}`)
      .join(", ");
    throw new ApiError(422, `Validation failed: ${msg}`, { details: errors });
  }
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
    return { account, user };
  });
}
