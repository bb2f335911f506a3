/**
 * Test rig: boots a real Hearth server in-process on a temp data dir and a free 127.0.0.1
 * port, with helpers to make users and tokens and to drain queued jobs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRestAPIClient, type mastodon } from "masto";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { startServer, type Server } from "../../src/server";
import { createLocalAccount } from "../../src/services/accounts/create-local";
import { generateKeys } from "../../src/services/accounts/keys";
import { createApplication, issueToken } from "../../src/services/oauth/tokens";
import type { AccountRow, UserRow } from "../../src/db/rows";

export interface TestUser {
  account: AccountRow;
  user: UserRow;
  id: string;
  token: string;
  password: string;
  client: mastodon.rest.Client;
}

export interface TestServer {
  ctx: AppContext;
  server: Server;
  url: string;
  port: number;
  domain: string;
  dataDir: string;
  /** Runs queued jobs until none is due. */
  drain(): Promise<number>;
  /** Creates a confirmed local user with a full-scope token and a masto.js client. */
  createUser(username: string, opts?: { role?: "owner" | "admin" | "user"; locked?: boolean; scopes?: string[]; password?: string }): Promise<TestUser>;
  /** A token for an existing user with the given scopes. */
  token(userId: number, scopes: string[]): string;
  /** A masto.js client for a token (or none). */
  client(token?: string): mastodon.rest.Client;
  /** fetch() against the server with a path, optional token and JSON body. */
  api(method: string, path: string, opts?: { token?: string; json?: unknown; form?: Record<string, string>; body?: BodyInit; headers?: Record<string, string> }): Promise<Response>;
  /** Counts rows in a table (to assert nothing was written). */
  count(table: string, where?: string, ...args: any[]): number;
  stop(): Promise<void>;
}

/**
 * Test-only crypto shortcuts: argon2id at its lowest cost, and RSA key pairs drawn from a
 * small pool generated once per test process (the real ones cost ~100 ms per user).
 */
const cheapHash = (pw: string) => Bun.password.hash(pw, { algorithm: "argon2id", memoryCost: 1024, timeCost: 1 });
let keyPool: Promise<{ publicKey: string; privateKey: string }[]> | null = null;
let keyTurn = 0;
async function pooledKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  keyPool ??= Promise.all(Array.from({ length: 4 }, () => generateKeys()));
  const pool = await keyPool;
  return pool[keyTurn++ % pool.length]!;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const p = s.port!;
  s.stop(true);
  return p;
}

/** Starts a server. `env` overrides configuration (REGISTRATIONS, RATE_LIMITS, …). */
export async function startTestServer(opts: { env?: Record<string, string>; now?: () => number; runJobs?: boolean } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "hearth-test-"));
  const port = freePort();
  const domain = `127.0.0.1:${port}`;
  const config = loadConfig({
    LOCAL_DOMAIN: domain, PORT: String(port), BIND: "127.0.0.1", DATA_DIR: dataDir, PROTOCOL: "http",
    REGISTRATIONS: "open", ALLOW_PRIVATE_ADDRESSES: "true", RATE_LIMITS: "false", ...opts.env,
  });
  const ctx = createContext(config, { now: opts.now, log: createLogger(process.env.TEST_LOG_LEVEL || "error"), hashPassword: cheapHash, newKeyPair: pooledKeyPair });
  const server = startServer(ctx, { port, runJobs: opts.runJobs });
  const url = `http://${domain}`;
  let app: { id: number } | null = null;
  const token = (userId: number, scopes: string[]) => {
    app ??= createApplication(ctx, { name: "Test rig", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read", "write", "follow", "push", "admin:read", "admin:write"] });
    return issueToken(ctx, { applicationId: app.id, userId, scopes }).token;
  };
  const client = (accessToken?: string) => createRestAPIClient({ url, accessToken });
  return {
    ctx, server, url, port, domain, dataDir,
    drain: () => server.runner.drain(),
    async createUser(username, o = {}) {
      const password = o.password ?? `pw-${username}-secret`;
      const { account, user } = await createLocalAccount(ctx, { username, email: `${username}@example.com`, password, role: o.role ?? "user", allowReserved: true });
      if (o.locked) ctx.db.query("UPDATE accounts SET locked = 1 WHERE id = ?").run(account.id);
      const t = token(user.id, o.scopes ?? ["read", "write", "follow", "push"]);
      return { account, user, id: String(account.id), token: t, password, client: client(t) };
    },
    token,
    client,
    api(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.Authorization = `Bearer ${o.token}`;
      let body = o.body;
      if (o.json !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(o.json); }
      if (o.form) { headers["Content-Type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(o.form).toString(); }
      return fetch(url + path, { method, headers, body, redirect: "manual" });
    },
    count(table, where = "1", ...args) {
      return (ctx.db.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...args) as { n: number }).n;
    },
    async stop() {
      await server.stop();
      ctx.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
