/**
 * Test rig: boots a real Hearth server in-process on a temp data dir and a free 127.0.0.1
 * port, with helpers to make users and tokens, a clock that can be frozen, the named
 * fixtures (./fixtures.ts), the one fake remote server (./fake-remote.ts) and the one way to
 * drain background work (./drain.ts).
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
import type { Database } from "bun:sqlite";
import { loadFixtures, FROZEN_AT, type Fixtures } from "./fixtures";

export { drainAll, busyJobs, dueJobs, type DrainOptions } from "./drain";
export { FakeRemote, type FakeActor, type Received } from "./fake-remote";
export { FROZEN_AT, type Fixtures } from "./fixtures";

/** The rig's clock: frozen at a fixed time (or following Date.now / a caller's clock until set). */
export interface TestClock {
  now(): number;
  /** Freezes the clock at `ms`. */
  set(ms: number): void;
  /** Moves a frozen clock forward by `ms` (freezing it at now + ms first if it was running). */
  advance(ms: number): void;
  /** Runs `fn` with the clock pinned at `ms`, then restores it (fixtures use this). */
  pinned<T>(ms: number, fn: () => Promise<T>): Promise<T>;
}

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
  /** The server's clock (`ctx.now`); frozen when started with `frozen`. */
  clock: TestClock;
  /** The named fixtures, when started with `fixtures: true`. */
  fixtures: Fixtures;
  /** Runs queued jobs until none is due. */
  drain(): Promise<number>;
  /** Creates a confirmed local user with a full-scope token and a masto.js client. */
  createUser(
    username: string,
    opts?: { role?: "owner" | "admin" | "user"; locked?: boolean; scopes?: string[]; password?: string },
  ): Promise<TestUser>;
  /** A token for an existing user with the given scopes. */
  token(userId: number, scopes: string[]): string;
  /** A masto.js client for a token (or none). */
  client(token?: string): mastodon.rest.Client;
  /** fetch() against the server with a path, optional token and JSON body. */
  api(
    method: string,
    path: string,
    opts?: { token?: string; json?: unknown; form?: Record<string, string>; body?: BodyInit; headers?: Record<string, string> },
  ): Promise<Response>;
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

/** Runs `fn` and returns the SQL text of every statement it prepared through `db.query`, in order. */
export async function captureSql(db: Database, fn: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  const query = db.query.bind(db);
  (db as { query: unknown }).query = (sql: string) => {
    seen.push(sql);
    return query(sql);
  };
  try {
    await fn();
  } finally {
    (db as { query: unknown }).query = query;
  }
  return seen;
}

/** Whether a server on 127.0.0.1:`port` answers GET /health with 200 within `ms` (polled every 50 ms). */
export async function waitForHealth(port: number, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return true;
    await Bun.sleep(50);
  }
  return false;
}

/** A clock over `base` (or a frozen time) that tests and fixtures can set, advance and pin. */
export function testClock(base: () => number = Date.now, frozenAt?: number): TestClock {
  let frozen = frozenAt;
  let pin: number | undefined;
  const clock: TestClock = {
    now: () => pin ?? frozen ?? base(),
    set(ms) {
      frozen = ms;
    },
    advance(ms) {
      frozen = (frozen ?? base()) + ms;
    },
    async pinned(ms, fn) {
      const before = pin;
      pin = ms;
      try {
        return await fn();
      } finally {
        pin = before;
      }
    },
  };
  return clock;
}

/** How to start a rig server. */
export interface TestServerOptions {
  /** Overrides configuration (REGISTRATIONS, RATE_LIMITS, …). */
  env?: Record<string, string>;
  /** The underlying clock (default Date.now). */
  now?: () => number;
  /** Freeze the clock: `true` at FROZEN_AT, or at the given ms. */
  frozen?: boolean | number;
  /** Start the background job runner (default true); false means jobs run only on drain(). */
  runJobs?: boolean;
  /** Load the named fixtures (local_account_1 …) at their fixed ids and times. */
  fixtures?: boolean;
  /** The port to listen on (default: a free one), for a test that must name it in LOCAL_DOMAIN or WEB_DOMAIN. */
  port?: number;
}

/** Starts a server. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "hearth-test-"));
  const port = opts.port ?? freePort();
  const domain = `127.0.0.1:${port}`;
  const config = loadConfig({
    LOCAL_DOMAIN: domain,
    PORT: String(port),
    BIND: "127.0.0.1",
    DATA_DIR: dataDir,
    PROTOCOL: "http",
    REGISTRATIONS: "open",
    ALLOW_PRIVATE_ADDRESSES: "true",
    RATE_LIMITS: "false",
    ...opts.env,
  });
  const clock = testClock(opts.now, opts.frozen === true ? FROZEN_AT : opts.frozen || undefined);
  const ctx = createContext(config, {
    now: clock.now,
    log: createLogger(process.env.TEST_LOG_LEVEL || "error"),
    hashPassword: cheapHash,
    newKeyPair: pooledKeyPair,
  });
  const server = startServer(ctx, { port, runJobs: opts.runJobs });
  const url = `http://${domain}`;
  let app: { id: number } | null = null;
  const token = (userId: number, scopes: string[]) => {
    app ??= createApplication(ctx, {
      name: "Test rig",
      website: null,
      redirectUris: ["urn:ietf:wg:oauth:2.0:oob"],
      scopes: ["read", "write", "follow", "push", "admin:read", "admin:write"],
    });
    return issueToken(ctx, { applicationId: app.id, userId, scopes }).token;
  };
  const client = (accessToken?: string) => createRestAPIClient({ url, accessToken });
  const rig: TestServer = {
    ctx,
    server,
    url,
    port,
    domain,
    dataDir,
    clock,
    fixtures: undefined as unknown as Fixtures,
    drain: () => server.runner.drain(),
    async createUser(username, o = {}) {
      const password = o.password ?? `pw-${username}-secret`;
      const { account, user } = await createLocalAccount(ctx, {
        username,
        email: `${username}@example.com`,
        password,
        role: o.role ?? "user",
        allowReserved: true,
      });
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
      if (o.json !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(o.json);
      }
      if (o.form) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(o.form).toString();
      }
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
  if (opts.fixtures) rig.fixtures = await loadFixtures(rig);
  return rig;
}
