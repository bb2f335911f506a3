import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { startServer, type Server } from "../../src/server";
import { freePort } from "../rig";

let dataDir: string;
let ctx: AppContext;
let server: Server;
let url: string;
let app: { client_id: string; client_secret: string };
let bobPassword = "";
/** Spawning the CLI costs a few hundred ms each; allow for a loaded machine. */
const SLOW = 30_000;

function admin(...args: string[]): { code: number; out: string; err: string } {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "admin", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "error" },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

async function passwordGrant(username: string, password: string): Promise<Response> {
  return fetch(`${url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username,
      password,
      scope: "read",
    }),
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "hearth-cli-"));
  const port = freePort();
  ctx = createContext(
    loadConfig({ DATA_DIR: dataDir, PORT: String(port), LOCAL_DOMAIN: `127.0.0.1:${port}`, PROTOCOL: "http", RATE_LIMITS: "false" }),
    { log: createLogger("error") },
  );
  server = startServer(ctx, { port, hostname: "127.0.0.1" });
  url = `http://127.0.0.1:${port}`;
  app = (await (
    await fetch(`${url}/api/v1/apps`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "cli", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" }),
    })
  ).json()) as any;
});
afterAll(async () => {
  await server.stop();
  ctx.db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const count = (sql: string, ...args: any[]) => (ctx.db.query(sql).get(...args) as { n: number }).n;

describe("hearth admin accounts", () => {
  test(
    "create with a given password, then log in with the password grant",
    async () => {
      const r = admin("accounts", "create", "admin", "--email", "owner@example.com", "--password", "a-fine-password", "--role", "owner");
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("New password: a-fine-password");
      const row = ctx.db
        .query("SELECT u.role, u.approved, u.confirmed_at FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = 'admin'")
        .get() as any;
      expect(row.role).toBe("owner");
      expect(row.approved).toBe(1);
      expect(row.confirmed_at).not.toBeNull();
      expect((await passwordGrant("owner@example.com", "a-fine-password")).status).toBe(200);
    },
    SLOW,
  );

  test(
    "create with a generated password",
    async () => {
      const r = admin("accounts", "create", "bob", "--email=bob@example.com");
      expect(r.code).toBe(0);
      const pw = /New password: (\S+)/.exec(r.out)![1]!;
      expect(pw.length).toBeGreaterThanOrEqual(16);
      bobPassword = pw;
      expect((await passwordGrant("bob", pw)).status).toBe(200);
    },
    SLOW,
  );

  test(
    "bad input: duplicate, bad role, missing email, bad email, unknown command; nothing written",
    () => {
      const before = count("SELECT count(*) AS n FROM accounts");
      const cases: [string[], number, RegExp][] = [
        [["accounts", "create", "bob", "--email", "other@example.com"], 1, /Username has already been taken/],
        [["accounts", "create", "carol", "--email", "BOB@example.com"], 1, /E-mail address has already been taken/],
        [["accounts", "create", "carol", "--email", "c@example.com", "--role", "emperor"], 1, /invalid role/],
        [["accounts", "create", "carol"], 1, /--email is required/],
        [["accounts", "create", "carol", "--email", "nope"], 1, /E-mail address is invalid/],
        [["accounts", "create", "carol", "--email", "c@example.com", "--password", "short"], 1, /Password is too short/],
        [["accounts", "frobnicate"], 2, /unknown admin command/],
        [["accounts", "delete", "nobody"], 1, /no local account named "nobody"/],
        [["accounts", "reset-password", "nobody"], 1, /no local account/],
      ];
      for (const [args, code, msg] of cases) {
        const r = admin(...args);
        expect({ args, code: r.code }).toEqual({ args, code });
        expect(r.err).toMatch(msg);
        expect(r.err.trim().split("\n")[0]!.startsWith("hearth: ")).toBe(true);
      }
      expect(count("SELECT count(*) AS n FROM accounts")).toBe(before);
    },
    SLOW,
  );

  test(
    "list prints one line per local account",
    () => {
      const r = admin("accounts", "list");
      expect(r.code).toBe(0);
      const lines = r.out.trim().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^admin\s+owner@example\.com\s+owner\s+\d{4}-\d{2}-\d{2}$/);
      expect(lines[1]).toMatch(/^bob\s+bob@example\.com\s+user\s+\d{4}-\d{2}-\d{2}$/);
    },
    SLOW,
  );

  test(
    "reset-password prints a new password and revokes existing tokens",
    async () => {
      const old = ((await (await passwordGrant("bob", bobPassword)).json()) as any).access_token;
      expect((await fetch(`${url}/api/v1/apps/verify_credentials`, { headers: { authorization: `Bearer ${old}` } })).status).toBe(200);
      const r = admin("accounts", "reset-password", "@BOB");
      expect(r.code).toBe(0);
      const pw = /New password: (\S+)/.exec(r.out)![1]!;
      expect((await fetch(`${url}/api/v1/apps/verify_credentials`, { headers: { authorization: `Bearer ${old}` } })).status).toBe(401);
      expect((await passwordGrant("bob", pw)).status).toBe(200);
      expect((await passwordGrant("bob", bobPassword)).status).toBe(400);
    },
    SLOW,
  );

  test(
    "delete suspends and empties the account (the name stays taken), removes its login and tokens, frees the e-mail",
    async () => {
      const userId = (ctx.db.query("SELECT u.id FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = 'bob'").get() as any)
        .id;
      expect(count("SELECT count(*) AS n FROM oauth_access_tokens WHERE user_id = ?", userId)).toBeGreaterThan(0);
      const ids = ctx.db.query("SELECT id, username FROM accounts").all() as { id: number; username: string }[];
      const bobId = ids.find((a) => a.username === "bob")!.id;
      const adminId = ids.find((a) => a.username === "admin")!.id;
      ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (1, ?, ?, 0)").run(bobId, adminId);
      ctx.db.query("UPDATE accounts SET followers_count = 1, display_name = 'Bob B' WHERE id IN (?, ?)").run(adminId, bobId);
      const r = admin("accounts", "delete", "bob");
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("Deleted account @bob");
      const shell = ctx.db.query("SELECT suspended_at, display_name, private_key_pem FROM accounts WHERE username = 'bob'").get() as any;
      expect(shell.suspended_at).not.toBeNull();
      expect(shell.display_name).toBe("");
      expect(shell.private_key_pem).toContain("PRIVATE KEY");
      expect(count("SELECT count(*) AS n FROM users WHERE id = ?", userId)).toBe(0);
      expect(count("SELECT count(*) AS n FROM oauth_access_tokens WHERE user_id = ?", userId)).toBe(0);
      expect(count("SELECT count(*) AS n FROM follows WHERE account_id = ?", bobId)).toBe(0);
      expect(count("SELECT followers_count AS n FROM accounts WHERE id = ?", adminId)).toBe(0);
      // Seen over the API as Mastodon shows a deleted (suspended) account.
      const seen = (await (await fetch(`${url}/api/v1/accounts/${bobId}`)).json()) as any;
      expect(seen).toMatchObject({ id: String(bobId), username: "bob", suspended: true, display_name: "" });
      expect(await (await fetch(`${url}/api/v1/accounts/${bobId}/statuses`)).json()).toEqual([]);
      expect((await passwordGrant("bob", bobPassword)).status).toBe(400);
      // The name stays taken; the e-mail address is free again (tootctl's reserve_email: false).
      const again = admin("accounts", "create", "bob", "--email", "bob2@example.com");
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/Username has already been taken/);
      const other = admin("accounts", "create", "robert", "--email", "bob@example.com");
      expect(other.err).toBe("");
      expect(other.code).toBe(0);
      // Deleting again is harmless.
      expect(admin("accounts", "delete", "bob").code).toBe(0);
      expect(count("SELECT count(*) AS n FROM accounts WHERE username = 'bob'")).toBe(1);
    },
    SLOW,
  );
});

describe("hearth admin accounts create: e-mail addresses as Mastodon accepts them", () => {
  test(
    "admin@localhost (Mastodon's development set-up) is accepted; a malformed address is not",
    async () => {
      const r = admin("accounts", "create", "devadmin", "--email", "admin@localhost", "--password", "a-fine-password", "--role", "owner");
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("<admin@localhost>");
      expect((await passwordGrant("admin@localhost", "a-fine-password")).status).toBe(200);
      for (const bad of ["admin@", "admin@@localhost", "ad min@localhost", "<admin@localhost>"]) {
        const x = admin("accounts", "create", "devadmin2", "--email", bad);
        expect({ bad, code: x.code }).toEqual({ bad, code: 1 });
        expect(x.err).toMatch(/E-mail address is invalid/);
      }
    },
    SLOW,
  );
});
