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
