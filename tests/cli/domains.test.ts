import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { domainPolicy } from "../../src/activitypub/domain-blocks";
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
    stdout: "pipe", stderr: "pipe",
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
  ctx.db.query("INSERT INTO accounts (id, username, domain, uri, suspended_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 1)")
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
  test("block --severity suspend --reject-media (through main) suspends the domain's accounts and subdomains", () => {
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
  }, SLOW);

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
    expect(await run("domains", "block", "x.example", "--severity", "nuke")).toMatchObject({ code: 1, err: expect.stringContaining('invalid severity "nuke"') });
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

  test("help lists the domains commands", () => {
    const r = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "help"], { stdout: "pipe" });
    expect(r.stdout.toString()).toContain("admin domains block DOMAIN [--severity silence|suspend|noop] [--reject-media]");
  }, SLOW);
});
