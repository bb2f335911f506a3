/** Shared setup of the admin API tests: staff and users with admin-scoped tokens, remote accounts. */
import type { TestServer, TestUser } from "../../../rig";

/** The scopes a moderation client asks for. */
export const ADMIN_SCOPES = ["read", "write", "follow", "admin:read", "admin:write"];

/** A user of `role` whose token (and masto.js client) carries the admin scopes. */
export async function staffUser(s: TestServer, name: string, role: "owner" | "admin" | "moderator" | "user"): Promise<TestUser> {
  return s.createUser(name, { role: role as "admin", scopes: ADMIN_SCOPES });
}

/** Inserts a remote account row on `domain`; returns its id. */
export function remoteAccount(s: TestServer, username: string, domain: string): number {
  const id = s.ctx.ids.next();
  s.ctx.db.query(
    "INSERT INTO accounts (id, username, domain, uri, inbox_url, display_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(id, username, domain, `https://${domain}/users/${username}`, `https://${domain}/users/${username}/inbox`, username.toUpperCase(), Date.now(), Date.now());
  return id;
}

/** GET/POST … with a token, answering status and parsed JSON body. */
export async function call(s: TestServer, method: string, path: string, token?: string, json?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await s.api(method, path, { token, json: method === "GET" ? undefined : json });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
