/** A data directory keeps the LOCAL_DOMAIN and PROTOCOL it started with. */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "hearth-identity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function hearth(args: string[], env: Record<string, string> = {}) {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATA_DIR: dir, LOG_LEVEL: "error", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
}

test("admin commands adopt the recorded domain; a different explicit one is refused", () => {
  expect(hearth(["migrate"], { LOCAL_DOMAIN: "social.example", PROTOCOL: "https" }).code).toBe(0);
  const made = hearth(["admin", "accounts", "create", "alice", "--email", "alice@example.com"]);
  expect(made.code).toBe(0);
  const { Database } = require("bun:sqlite");
  const db = new Database(join(dir, "hearth.sqlite"), { readonly: true });
  const row = db.query("SELECT uri FROM accounts WHERE username = 'alice'").get() as { uri: string };
  db.close();
  expect(row.uri).toBe("https://social.example/users/alice");
  const clash = hearth(["migrate"], { LOCAL_DOMAIN: "other.example" });
  expect(clash.code).toBe(1);
  expect(clash.err.trim().split("\n")).toHaveLength(1);
  expect(clash.err).toContain("LOCAL_DOMAIN");
  expect(hearth(["bogus"]).code).toBe(2);
}, 30_000);

test("WEB_DOMAIN is recorded too; a refusal says how to run the instance or where to go instead", () => {
  const web = mkdtempSync(join(tmpdir(), "hearth-identity-web-"));
  try {
    const env = { DATA_DIR: web };
    expect(hearth(["migrate"], { ...env, LOCAL_DOMAIN: "short.example", WEB_DOMAIN: "social.short.example" }).code).toBe(0);
    expect(hearth(["admin", "accounts", "create", "bea", "--email", "bea@example.com"], env).code).toBe(0);
    const { Database } = require("bun:sqlite");
    const db = new Database(join(web, "hearth.sqlite"));
    expect((db.query("SELECT uri FROM accounts WHERE username = 'bea'").get() as { uri: string }).uri).toBe(
      "https://social.short.example/users/bea",
    );
    const moved = hearth(["migrate"], { ...env, WEB_DOMAIN: "short.example" });
    expect(moved.code).toBe(1);
    const [line, ...more] = moved.err.trim().split("\n");
    expect(more).toEqual([]);
    expect(line).toContain('WEB_DOMAIN is "short.example"');
    expect(line).toContain('belongs to "social.short.example"');
    expect(line).toContain('unset WEB_DOMAIN (or set it to "social.short.example")');
    expect(line).toContain("another DATA_DIR");
    expect(line).toContain("hearth admin accounts move");
    // A data directory from before WEB_DOMAIN existed served its URIs on LOCAL_DOMAIN.
    db.query("DELETE FROM settings WHERE key = 'web_domain'").run();
    db.query("UPDATE settings SET value = 'short.example' WHERE key = 'local_domain'").run();
    db.close();
    expect(hearth(["migrate"], { ...env, WEB_DOMAIN: "social.short.example" }).err).toContain(
      'WEB_DOMAIN is "social.short.example" but the data',
    );
    expect(hearth(["migrate"], env).code).toBe(0);
    const again = new Database(join(web, "hearth.sqlite"), { readonly: true });
    expect((again.query("SELECT value FROM settings WHERE key = 'web_domain'").get() as { value: string }).value).toBe("short.example");
    again.close();
  } finally {
    rmSync(web, { recursive: true, force: true });
  }
}, 30_000);
