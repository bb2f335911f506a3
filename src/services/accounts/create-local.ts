/** Creates a local account with its user row and RSA key pair. */
import type { AppContext } from "../../context";
import type { AccountRow, UserRow } from "../../db/rows";
import { ApiError } from "../../model/errors";

export const USERNAME_RE = /^[a-z0-9_]+$/i;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Names that would collide with routes or impersonate the server. */
const RESERVED = new Set(["admin", "administrator", "root", "support", "help", "settings", "api", "oauth", "system", "instance", "actor", "inbox", "well-known", "nodeinfo", "about", "explore", "web", "public", "users", "tags"]);

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
  const add = (k: string, code: string, d: string) => { (errors[k] ??= []).push({ error: code, description: d }); };
  if (!USERNAME_RE.test(username)) add("username", "ERR_INVALID", "only letters, numbers and underscores");
  else if (username.length > 30) add("username", "ERR_TOO_LONG", "is too long (maximum is 30 characters)");
  else if (!n.allowReserved && RESERVED.has(username.toLowerCase())) add("username", "ERR_RESERVED", "is reserved");
  if (!EMAIL_RE.test(n.email) || n.email.length > 320) add("email", "ERR_INVALID", "is invalid");
  if (n.password.length < 8) add("password", "ERR_TOO_SHORT", "is too short (minimum is 8 characters)");
  if (n.password.length > 72) add("password", "ERR_TOO_LONG", "is too long (maximum is 72 characters)");
  const db = ctx.db;
  if (!errors.username && db.query("SELECT 1 FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL").get(username)) add("username", "ERR_TAKEN", "is already taken");
  if (!errors.email && db.query("SELECT 1 FROM users WHERE lower(email) = lower(?)").get(n.email)) add("email", "ERR_TAKEN", "is already taken");
  if (Object.keys(errors).length) {
    const msg = Object.entries(errors).map(([k, v]) => `${k[0]!.toUpperCase()}${k.slice(1)} ${v[0]!.description}`).join(", ");
    throw new ApiError(422, `Validation failed: ${msg}`, { details: errors });
  }
  const [hash, keys] = await Promise.all([ctx.hashPassword(n.password), ctx.newKeyPair()]);
  const t = ctx.now();
  return db.transaction(() => {
    const id = ctx.ids.next();
    const account = db
      .query<AccountRow, any[]>(
        `INSERT INTO accounts (id, username, domain, uri, url, inbox_url, shared_inbox_url, outbox_url, followers_url,
           following_url, featured_url, public_key_pem, private_key_pem, created_at, updated_at)
         VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(id, username, ctx.uris.actor(username), ctx.uris.profile(username), ctx.uris.inbox(username), ctx.uris.sharedInbox(),
        ctx.uris.outbox(username), ctx.uris.followers(username), ctx.uris.following(username), ctx.uris.featured(username),
        keys.publicKey, keys.privateKey, t, t)!;
    const user = db
      .query<UserRow, any[]>(
        `INSERT INTO users (id, account_id, email, password_hash, role, confirmed_at, approved, locale, reason, sign_up_ip, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(ctx.ids.next(), id, n.email, hash, n.role ?? "user", n.confirmed === false ? null : t, n.approved === false ? 0 : 1,
        n.locale ?? "en", n.reason ?? null, n.signUpIp ?? null, t, t)!;
    return { account, user };
  }).immediate();
}
