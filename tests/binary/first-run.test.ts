/**
 * A first run that explains itself: `make run` in a checkout (here a folder holding only
 * dist/hearth, run with the real Makefile's recipe and its defaults: ./data, http, localhost)
 * prints the URL to open and an account-creation command. Both must work as printed: the URL
 * serves the web client, and the command, pasted into a shell in that folder with nothing else
 * set, creates the account on the running server's data.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { freePort } from "../rig";

const ROOT = resolve(import.meta.dir, "../..");
let dir = "";
let port = 0;
let make: Subprocess<"ignore", "pipe", "pipe"> | null = null;
let out = "";

async function drain(stream: ReadableStream<Uint8Array>) {
  const dec = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    out += dec.decode(value, { stream: true });
  }
}

/** Waits until the server's output matches `re`, or fails with what it printed. */
async function waitFor(re: RegExp, ms = 20_000): Promise<RegExpExecArray> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const m = re.exec(out);
    if (m) return m;
    if (make?.exitCode !== null) break;
    await Bun.sleep(50);
  }
  throw new Error(`no ${re} in the output of make run:\n${out}`);
}

beforeAll(async () => {
  const build = Bun.spawnSync(["make", "-s", "-o", "node_modules/.hearth-installed", "web", "dist/hearth"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (build.exitCode !== 0) throw new Error(`make dist/hearth failed:\n${build.stdout}\n${build.stderr}`);
  dir = mkdtempSync(join(tmpdir(), "hearth-first-run-"));
  mkdirSync(join(dir, "dist"));
  copyFileSync(join(ROOT, "dist/hearth"), join(dir, "dist/hearth"));
  Bun.spawnSync(["chmod", "755", join(dir, "dist/hearth")]);
  port = freePort();
}, 120_000);

afterAll(async () => {
  if (make && make.exitCode === null) {
    // make and the server it started are one process group of their own (detached): stop both.
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-make!.pid, sig);
      } catch {
        // the group is gone already
      }
    };
    signal("SIGTERM");
    await Promise.race([make.exited, Bun.sleep(12_000)]);
    signal("SIGKILL");
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("make run prints the URL to open and an account command that works as printed", async () => {
  // The Makefile's own `run` recipe, from the checkout folder; `-o build`: the binary is already there.
  make = Bun.spawn(["make", "-s", "-f", join(ROOT, "Makefile"), "-o", "build", "run"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? dir, PORT: String(port), RATE_LIMITS: "false" },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
  });
  void drain(make.stdout);
  void drain(make.stderr);

  const url = (await waitFor(/^Open (\S+) in a browser/m))[1]!;
  expect(url).toBe(`http://localhost:${port}/`);
  const command = (await waitFor(/^No accounts yet\..*\n {2}(.+)$/m))[1]!;
  expect(command).toBe("DATA_DIR=./data ./dist/hearth admin accounts create NAME --email you@example.com --role owner");

  // The URL answers (the server listens on 127.0.0.1, which localhost names): until there is an
  // account, with the same instructions.
  const open = url.replace("localhost", "127.0.0.1");
  const setup = await fetch(open);
  expect(setup.status).toBe(200);
  expect(await setup.text()).toContain("<code>DATA_DIR=./data ./dist/hearth admin accounts create NAME --email E --role owner</code>");

  // Pasted into a shell in the same folder, with nothing else set.
  const sh = Bun.spawnSync(["sh", "-c", command], {
    cwd: dir,
    env: { PATH: "/usr/bin:/bin", HOME: process.env.HOME ?? dir },
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(sh.stderr.toString()).toBe("");
  expect(sh.exitCode).toBe(0);
  expect(sh.stdout.toString()).toMatch(/New password: \S+/);

  // The running server sees the new owner.
  const lookup = await fetch(`http://127.0.0.1:${port}/api/v1/accounts/lookup?acct=NAME`);
  expect(lookup.status).toBe(200);
  expect(((await lookup.json()) as { username: string }).username).toBe("NAME");
  // And the URL now serves the web client.
  const page = await fetch(open);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  expect(await page.text()).toContain('<div id="app"');
}, 60_000);
