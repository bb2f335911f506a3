import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domainPolicy } from "../../src/activitypub/outbound/domain-policy";
import { runAdmin } from "../../src/cli/admin";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";

let dataDir: string;
let ctx: AppContext;
const SLOW = 30_000;

function admin(...args: string[]): { code: number; out: string; err: string } {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "admin", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "error" },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

/** Runs the command in-process, capturing what it prints. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = spyOn(console, "log").mockImplementation(() => {});
  const error = spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await runAdmin(ctx, args);
    return { code, out: log.mock.calls.map((c) => c.join(" ")).join("\n"), err: error.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function remote(username: string, domain: string, suspendedAt: number | null = null): number {
  const id = ctx.ids.next();
  ctx.db
    .query("INSERT INTO accounts (id, username, domain, uri, suspended_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)")
    .run(id, username, domain, `https://${domain}/users/${username}`, suspendedAt);
  return id;
}
const suspended = (id: number) => (ctx.db.query("SELECT suspended_at FROM accounts WHERE id = ?").get(id) as any).suspended_at;
const silenced = (id: number) => (ctx.db.query("SELECT silenced_at FROM accounts WHERE id = ?").get(id) as any).silenced_at;
const blocks = () => (ctx.db.query("SELECT count(*) AS n FROM domain_blocks").get() as any).n;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "hearth-domains-"));
  ctx = createContext(loadConfig({ DATA_DIR: dataDir, LOCAL_DOMAIN: "hearth.test" }), { log: createLogger("error") });
});
afterAll(() => {
  ctx.db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("hearth admin domains", () => {
  test(
    "block --severity suspend --reject-media (through main) suspends the domain's accounts and subdomains",
    () => {
      const a = remote("a", "bad.example");
      const sub = remote("b", "m.bad.example");
      const earlier = remote("c", "bad.example", 12345);
      const other = remote("d", "notbad.example");
      const r = admin("domains", "block", "Bad.Example", "--severity", "suspend", "--reject-media");
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("Blocked bad.example (suspend, reject media); 3 known accounts on it");
      expect(domainPolicy(ctx, "bad.example")).toEqual({ severity: "suspend", rejectMedia: true });
      expect(domainPolicy(ctx, "deep.m.bad.example:8443")).toEqual({ severity: "suspend", rejectMedia: true });
      expect(domainPolicy(ctx, "notbad.example")).toBeNull();
      expect(suspended(a)).not.toBeNull();
      expect(suspended(sub)).not.toBeNull();
      expect(suspended(earlier)).toBe(12345);
      expect(suspended(other)).toBeNull();
      const list = admin("domains", "list");
      expect(list.code).toBe(0);
      expect(list.out).toMatch(/^bad\.example\s+suspend\s+reject-media\s+\d{4}-\d\d-\d\d$/m);
    },
    SLOW,
  );

  test("unblock lifts only the suspensions the block made", async () => {
    const a = ctx.db.query("SELECT id FROM accounts WHERE username = 'a'").get() as any;
    const r = await run("domains", "unblock", "bad.example");
    expect(r).toEqual({ code: 0, out: "Unblocked bad.example", err: "" });
    expect(suspended(a.id)).toBeNull();
    expect(suspended((ctx.db.query("SELECT id FROM accounts WHERE username = 'c'").get() as any).id)).toBe(12345);
    expect(domainPolicy(ctx, "bad.example")).toBeNull();
    expect((await run("domains", "list")).out).toBe("No blocked domains");
  });

  test("default severity is silence (Mastodon's); changing severity swaps the marks; a subdomain rule wins", async () => {
    const a = remote("e", "loud.example");
    expect((await run("domains", "block", "loud.example")).code).toBe(0);
    expect(domainPolicy(ctx, "loud.example")).toEqual({ severity: "silence", rejectMedia: false });
    expect(silenced(a)).not.toBeNull();
    expect((await run("domains", "block", "loud.example", "--severity", "suspend")).code).toBe(0);
    expect(silenced(a)).toBeNull();
    expect(suspended(a)).not.toBeNull();
    expect((await run("domains", "block", "ok.loud.example", "--severity", "noop", "--reject-media")).code).toBe(0);
    expect(domainPolicy(ctx, "x.ok.loud.example")).toEqual({ severity: "noop", rejectMedia: true });
    expect(blocks()).toBe(2);
  });

  test("bad input writes nothing", async () => {
    const n = blocks();
    expect(await run("domains", "block", "x.example", "--severity", "nuke")).toMatchObject({
      code: 1,
      err: expect.stringContaining('invalid severity "nuke"'),
    });
    expect(await run("domains", "block")).toMatchObject({ code: 2, err: expect.stringContaining("missing domain") });
    expect(await run("domains", "block", "not a domain")).toMatchObject({ code: 1, err: expect.stringContaining("invalid domain") });
    expect(await run("domains", "block", "a.example", "b.example")).toMatchObject({ code: 2 });
    expect(await run("domains", "unblock", "never.example")).toMatchObject({ code: 1, err: "hearth: never.example is not blocked" });
    expect(await run("domains", "frobnicate")).toMatchObject({ code: 2, err: expect.stringContaining("admin domains list") });
    expect(blocks()).toBe(n);
    // "--reject-media DOMAIN" still reads DOMAIN as the domain.
    expect((await run("domains", "block", "--reject-media", "media.example")).code).toBe(0);
    expect(domainPolicy(ctx, "media.example")).toEqual({ severity: "silence", rejectMedia: true });
  });

  test(
    "help lists the domains commands",
    () => {
      const r = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "help"], { stdout: "pipe" });
      expect(r.stdout.toString()).toContain("admin domains block DOMAIN [--severity silence|suspend|noop] [--reject-media]");
    },
    SLOW,
  );
});

describe("suspending a domain severs relationships", () => {
  test("follows both ways and requests go, counters follow, home feeds drop its posts", async () => {
    const { account: local } = await (await import("../../src/services/accounts/create-local")).createLocalAccount(ctx, {
      username: "localfan",
      email: "lf@example.com",
      password: "long enough pw",
    });
    const r1 = remote("x1", "gone.example");
    const r2 = remote("x2", "gone.example");
    const keep = remote("y", "fine.example");
    const t = Date.now();
    const follow = ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)");
    follow.run(ctx.ids.next(), local.id, r1, t);
    follow.run(ctx.ids.next(), r2, local.id, t);
    follow.run(ctx.ids.next(), local.id, keep, t);
    ctx.db
      .query("INSERT INTO follow_requests (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
      .run(ctx.ids.next(), r1, local.id, t);
    const sid = ctx.ids.next();
    ctx.db
      .query("INSERT INTO statuses (id, uri, account_id, local, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)")
      .run(sid, `https://gone.example/s/${sid}`, r1, t, t);
    ctx.db.query("INSERT INTO home_feeds (account_id, status_id) VALUES (?, ?)").run(local.id, sid);
    ctx.db.query("UPDATE accounts SET following_count = 2, followers_count = 1 WHERE id = ?").run(local.id);

    const r = await run("domains", "block", "gone.example", "--severity", "suspend");
    expect(r.code).toBe(0);
    const n = (sql: string, ...a: any[]) => (ctx.db.query(sql).get(...a) as any).n;
    expect(n("SELECT count(*) AS n FROM follows WHERE account_id = ? OR target_account_id = ?", local.id, local.id)).toBe(1);
    expect(n("SELECT count(*) AS n FROM follow_requests WHERE target_account_id = ?", local.id)).toBe(0);
    expect(n("SELECT count(*) AS n FROM home_feeds WHERE account_id = ?", local.id)).toBe(0);
    const counts = ctx.db.query("SELECT following_count, followers_count FROM accounts WHERE id = ?").get(local.id) as any;
    expect(counts).toEqual({ following_count: 1, followers_count: 0 });
  }, 30_000);
});
