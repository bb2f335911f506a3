/**
 * `hearth serve` runs with mimalloc handing freed memory back at once (src/config/allocator.ts):
 * started without MIMALLOC_PURGE_DELAY it execs itself again, same pid and arguments, with the
 * setting; an operator's own value is kept; other commands are left as started.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selfArgs } from "../../src/config/allocator";
import { freePort, waitForHealth } from "../rig";

const dataDir = mkdtempSync(join(tmpdir(), "hearth-alloc-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
let runs = 0;

function env(port: number, extra: Record<string, string> = {}): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("MIMALLOC_")) e[k] = v;
  return {
    ...e,
    DATA_DIR: join(dataDir, String(runs++)),
    PORT: String(port),
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    PROTOCOL: "http",
    LOG_LEVEL: "warn",
    ...extra,
  };
}

/** Starts `serve` (with `flags` after it), waits for /health, returns what the serving process runs with. */
async function serveWith(extra: Record<string, string>, flags: string[] = []): Promise<{ environ: string[]; cmdline: string[] }> {
  const port = freePort();
  const p = Bun.spawn(["node_modules/.bin/bun", "src/main.ts", "serve", ...flags], {
    env: env(port, extra),
    stdout: "ignore",
    stderr: "pipe",
  });
  try {
    expect(await waitForHealth(port)).toBe(true);
    // The pid Bun.spawn returned is the one answering: exec keeps it.
    return {
      environ: readFileSync(`/proc/${p.pid}/environ`, "utf8").split("\0"),
      cmdline: readFileSync(`/proc/${p.pid}/cmdline`, "utf8").split("\0").slice(0, -1),
    };
  } finally {
    p.kill("SIGTERM");
    await p.exited;
  }
}

test("serve without MIMALLOC_PURGE_DELAY runs with it set to 0, same pid, same arguments", async () => {
  const { environ, cmdline } = await serveWith({}, ["--bind", "127.0.0.1"]);
  expect(environ).toContain("MIMALLOC_PURGE_DELAY=0");
  expect(environ).toContain("LOG_LEVEL=warn");
  expect(cmdline[1]).toEndWith("/src/main.ts");
  expect(cmdline.slice(2)).toEqual(["serve", "--bind", "127.0.0.1"]);
}, 30_000);

test("an operator's MIMALLOC_PURGE_DELAY is kept as given", async () => {
  const { environ } = await serveWith({ MIMALLOC_PURGE_DELAY: "250" });
  expect(environ).toContain("MIMALLOC_PURGE_DELAY=250");
  expect(environ).not.toContain("MIMALLOC_PURGE_DELAY=0");
}, 30_000);

test("other commands are not started again", () => {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "-e", "console.log(process.env.MIMALLOC_PURGE_DELAY ?? 'unset')"], {
    env: env(freePort()),
  });
  expect(p.stdout.toString().trim()).toBe("unset");
  const v = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "version"], { env: env(freePort()), stdout: "pipe" });
  expect(v.exitCode).toBe(0);
});

test("the command line to exec again: a compiled binary's own arguments; Bun's flags, the script and its arguments", () => {
  expect(selfArgs(true, ["bun", "/$bunfs/root/hearth", "serve", "--port", "3000"], [])).toEqual(["serve", "--port", "3000"]);
  expect(selfArgs(false, ["/usr/bin/bun", "/srv/hearth/src/main.ts", "serve"], ["--smol"])).toEqual([
    "--smol",
    "/srv/hearth/src/main.ts",
    "serve",
  ]);
});
