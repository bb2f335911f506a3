/**
 * `hearth doctor` as a user runs it (the CLI in a child process) against real data directories:
 * a healthy instance passes every check; a bad configuration, a missing or unreadable database,
 * an unreachable public URL and a clock two hours off each fail with exit code 1.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { startServer, type Server } from "../../src/server";
import { freePort } from "../rig";

const SLOW = 30_000;
const dirs: string[] = [];
let ctx: AppContext;
let server: Server;
let port: number;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "hearth-doctor-"));
  dirs.push(d);
  return d;
}

/** Env of an instance on plain http at 127.0.0.1:`p` with its data in `dataDir`. */
const envFor = (dataDir: string, p: number) => ({
  DATA_DIR: dataDir,
  LOCAL_DOMAIN: `127.0.0.1:${p}`,
  PORT: String(p),
  PROTOCOL: "http",
  ALLOW_PRIVATE_ADDRESSES: "true",
});

/** A data directory whose database records 127.0.0.1:`p`, and no server started. */
function dataDirFor(p: number): string {
  const d = tempDir();
  createContext(loadConfig(envFor(d, p)), { log: createLogger("error") }).db.close();
  return d;
}

/** Runs the CLI without blocking this process: the servers it checks answer from here. */
async function doctor(env: Record<string, string>): Promise<{ code: number; lines: string[]; err: string }> {
  const p = Bun.spawn(["node_modules/.bin/bun", "src/main.ts", "doctor"], {
    env: { ...process.env, LOG_LEVEL: "error", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()]);
  return { code: await p.exited, lines: out.trim().split("\n"), err };
}

/** The line of the named check, e.g. "ok   disk: …". */
const line = (lines: string[], name: string) => lines.find((l) => l.slice(5).startsWith(`${name}:`)) ?? `(no ${name} line)`;

beforeAll(() => {
  const dataDir = tempDir();
  port = freePort();
  ctx = createContext(loadConfig({ ...envFor(dataDir, port), RATE_LIMITS: "false" }), { log: createLogger("error") });
  server = startServer(ctx, { port, hostname: "127.0.0.1" });
});
afterAll(async () => {
  await server.stop();
  ctx.db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("hearth doctor", () => {
  test(
    "a healthy instance: one ok line per check, exit 0, nothing left behind",
    async () => {
      const r = await doctor(envFor(ctx.config.dataDir, port));
      expect(r.err).toBe("");
      for (const name of ["configuration", "disk", "database", "media storage", "public URL", "clock"])
        expect(line(r.lines, name)).toMatch(new RegExp(`^(ok  |warn) ${name}: `));
      expect(line(r.lines, "configuration")).toStartWith("ok");
      expect(line(r.lines, "database")).toBe(`ok   database: ${join(ctx.config.dataDir, "hearth.sqlite")} passes SQLite's quick_check`);
      expect(line(r.lines, "media storage")).toStartWith("ok");
      expect(line(r.lines, "public URL")).toBe(`ok   public URL: http://127.0.0.1:${port}/health reaches this instance`);
      // Bun refreshes its Date header once a second: a second or so is the header's resolution.
      expect(line(r.lines, "clock")).toMatch(new RegExp(` [0-2] s off the Date header of http://127\\.0\\.0\\.1:${port}/health`));
      expect(r.code).toBe(0);
      // The probe file was removed again.
      const probes = join(ctx.config.dataDir, "media", "doctor");
      expect(existsSync(probes) ? [...new Bun.Glob("**").scanSync(probes)] : []).toEqual([]);
    },
    SLOW,
  );

  test(
    "a bad configuration fails with the variable named",
    async () => {
      const r = await doctor({ ...envFor(ctx.config.dataDir, port), PORT: "eighty" });
      expect(r.lines).toEqual([`fail configuration: PORT must be a number from 0 to 65535, got "eighty"`]);
      expect(r.code).toBe(1);
    },
    SLOW,
  );

  test(
    "no database, or a file that is not one, fails without creating anything",
    async () => {
      const empty = tempDir();
      const none = await doctor(envFor(empty, port));
      expect(line(none.lines, "database")).toStartWith(`fail database: no database at ${join(empty, "hearth.sqlite")}`);
      expect(none.code).toBe(1);
      expect(existsSync(join(empty, "hearth.sqlite"))).toBe(false);
      const broken = tempDir();
      writeFileSync(join(broken, "hearth.sqlite"), "this is not a database, just text ".repeat(200));
      const bad = await doctor(envFor(broken, port));
      expect(line(bad.lines, "database")).toStartWith("fail database: cannot read");
      expect(bad.code).toBe(1);
    },
    SLOW,
  );

  test(
    "a public URL nothing answers fails",
    async () => {
      const deadPort = freePort();
      const r = await doctor(envFor(dataDirFor(deadPort), deadPort));
      expect(line(r.lines, "media storage")).toStartWith("ok");
      expect(line(r.lines, "public URL")).toStartWith(`fail public URL: http://127.0.0.1:${deadPort}/health cannot be reached from here`);
      expect(r.code).toBe(1);
    },
    SLOW,
  );

  test(
    "a clock two hours off the public URL's Date header fails; the same server answering on time passes",
    async () => {
      // A stand-in for a proxy on another machine whose clock is right and ours is not.
      let offsetMs = 2 * 3600_000;
      const stub: ReturnType<typeof Bun.serve> = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        fetch(req): Response {
          const date = new Date(Date.now() + offsetMs).toUTCString();
          const path = new URL(req.url).pathname;
          if (path === "/health") return new Response("OK", { headers: { Date: date } });
          if (path === "/api/v1/instance") return Response.json({ uri: `127.0.0.1:${stub.port}` }, { headers: { Date: date } });
          return new Response("", { status: 404 });
        },
      });
      try {
        const env = envFor(dataDirFor(stub.port!), stub.port!);
        const off = await doctor(env);
        expect(line(off.lines, "public URL")).toStartWith("ok");
        expect(line(off.lines, "clock")).toMatch(
          /^fail clock: .*(7199|7200|7201) s off the Date header .*refuse signatures more than 60 minutes off/,
        );
        expect(off.code).toBe(1);
        offsetMs = 0;
        const on = await doctor(env);
        expect(line(on.lines, "clock")).toMatch(/^(ok  |warn) clock: .* [0-2] s off/);
        expect(on.code).toBe(0);
      } finally {
        stub.stop(true);
      }
    },
    SLOW,
  );
});
