/** Shared setup of the admin API tests: staff and users with admin-scoped tokens, remote accounts. */
import type { TestServer, TestUser } from "../../../rig";
import { insertRemoteAccount } from "../../../rig/fixtures";

/** The scopes a moderation client asks for. */
export const ADMIN_SCOPES = ["read", "write", "follow", "admin:read", "admin:write"];

/** A user of `role` whose token (and masto.js client) carries the admin scopes. */
export async function staffUser(s: TestServer, name: string, role: "owner" | "admin" | "moderator" | "user"): Promise<TestUser> {
  return s.createUser(name, { role: role as "admin", scopes: ADMIN_SCOPES });
}

/** Inserts a remote account row on `domain` (the rig's insertRemoteAccount); returns its id. */
export function remoteAccount(s: TestServer, username: string, domain: string): number {
  return insertRemoteAccount(s.ctx, username, domain, {
    inbox_url: `https://${domain}/users/${username}/inbox`,
    display_name: username.toUpperCase(),
    created_at: Date.now(),
    updated_at: Date.now(),
  }).id;
}

/** GET/POST … with a token, answering status and parsed JSON body. */
export async function call(
  s: TestServer,
  method: string,
  path: string,
  token?: string,
  json?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await s.api(method, path, { token, json: method === "GET" ? undefined : json });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
