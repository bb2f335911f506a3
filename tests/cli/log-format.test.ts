/**
 * LOG_FORMAT=json: `hearth serve` (a child process) writes every log line on stderr as one JSON
 * object with time, level and msg, from start-up to a SIGTERM stop; an unknown format is refused.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForHealth } from "../rig";

const dataDir = mkdtempSync(join(tmpdir(), "hearth-log-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = (port: number, format: string) => ({
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  LOCAL_DOMAIN: `127.0.0.1:${port}`,
  PROTOCOL: "http",
  LOG_LEVEL: "info",
  LOG_FORMAT: format,
});

test("LOG_FORMAT=json: every stderr line of a server run parses as {time, level, msg}", async () => {
  const port = freePort();
  const p = Bun.spawn(["node_modules/.bin/bun", "src/main.ts", "serve"], { env: env(port, "json"), stdout: "pipe", stderr: "pipe" });
  try {
    expect(await waitForHealth(port)).toBe(true);
  } finally {
    p.kill("SIGTERM");
  }
  await p.exited;
  const lines = (await new Response(p.stderr).text()).split("\n").filter(Boolean);
  expect(lines.length).toBeGreaterThanOrEqual(1);
  const events = lines.map((l) => JSON.parse(l) as { time: string; level: string; msg: string });
  for (const e of events) {
    expect(Object.keys(e).sort()).toEqual(["level", "msg", "time"]);
    expect(Number.isNaN(Date.parse(e.time))).toBe(false);
    expect(["debug", "info", "warn", "error"]).toContain(e.level);
  }
  expect(events.some((e) => e.level === "info" && e.msg.includes(`listening on http://127.0.0.1:${port}`))).toBe(true);
}, 30_000);

test("an unknown LOG_FORMAT is refused with the variable named", () => {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "migrate"], { env: env(freePort(), "xml"), stderr: "pipe" });
  expect(p.exitCode).toBe(1);
  expect(p.stderr.toString().trim()).toBe('hearth: LOG_FORMAT must be text or json, got "xml"');
});
