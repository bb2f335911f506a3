/**
 * `hearth doctor`: checks an instance from the outside, one line per check (`ok`, `warn` or
 * `fail`), and exits 1 when any check fails. Safe beside a running server: the database is
 * checked read-only first, media storage gets a probe file that is removed again, and the
 * public URL is fetched like any other server would.
 */
import { existsSync, statfsSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig, type Config } from "../config";
import { createContext, type AppContext } from "../context";
import { quickCheck } from "../db/integrity";
import { createLogger } from "../log";
import { CLOCK_WINDOW_MS } from "../activitypub/outbound/signatures";
import { safeFetch } from "../activitypub/outbound/fetch";

export const DOCTOR_HELP = `  doctor                  check the configuration, free disk, database, clock, media storage and
                          that the public URL reaches this instance (exit 1 when a check fails)`;

export type Verdict = "ok" | "warn" | "fail";

/** Free space below these is a warning / a failure (SQLite needs room for its WAL and backups). */
const DISK_WARN_BYTES = 1024 ** 3;
const DISK_FAIL_BYTES = 256 * 1024 ** 2;
/** Clock skew above this is a warning; above the signature window other servers refuse us. */
const SKEW_WARN_MS = 30_000;

const mb = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;

/** Prints results as they come and remembers whether any failed. */
class Report {
  failed = false;
  constructor(private print: (line: string) => void) {}
  add(verdict: Verdict, name: string, detail: string): void {
    if (verdict === "fail") this.failed = true;
    this.print(`${verdict.padEnd(4)} ${name}: ${detail}`);
  }
}

function checkDisk(r: Report, config: Config): void {
  try {
    const fs = statfsSync(config.dataDir);
    const free = fs.bavail * fs.bsize;
    const share = fs.blocks ? free / (fs.blocks * fs.bsize) : 1;
    const detail = `${mb(free)} free of ${mb(fs.blocks * fs.bsize)} for ${config.dataDir}`;
    if (free < DISK_FAIL_BYTES) r.add("fail", "disk", `${detail}; the database and media need room to grow`);
    else if (free < DISK_WARN_BYTES || share < 0.05) r.add("warn", "disk", `${detail}; running low`);
    else r.add("ok", "disk", detail);
  } catch (e) {
    r.add("fail", "disk", `cannot read free space of ${config.dataDir}: ${(e as Error).message}`);
  }
}

/** Read-only integrity check; true when the database is sound enough to open. */
function checkDatabase(r: Report, config: Config): boolean {
  const file = join(config.dataDir, "hearth.sqlite");
  if (!existsSync(file)) {
    r.add("fail", "database", `no database at ${file} (is DATA_DIR right? the server creates it on its first start)`);
    return false;
  }
  try {
    const found = quickCheck(file);
    if (found.length === 1 && found[0] === "ok") {
      r.add("ok", "database", `${file} passes SQLite's quick_check`);
      return true;
    }
    r.add("fail", "database", `SQLite's quick_check found: ${found.join("; ")} (restore the last backup: hearth restore)`);
  } catch (e) {
    r.add("fail", "database", `cannot read ${file}: ${(e as Error).message}`);
  }
  return false;
}

/** Writes, reads back and deletes a probe object in media storage (local folder or S3). */
async function checkStorage(r: Report, ctx: AppContext): Promise<void> {
  const where = ctx.config.s3 ? `S3 bucket ${ctx.config.s3.bucket}` : join(ctx.config.dataDir, "media");
  const key = `doctor/probe-${crypto.randomUUID()}.txt`;
  const text = `hearth doctor ${new Date().toISOString()}`;
  try {
    await ctx.storage.put(key, new TextEncoder().encode(text), "text/plain");
    const back = await ctx.storage.get(key);
    const same = back ? (await back.text()) === text : false;
    await ctx.storage.delete(key);
    const gone = !(await ctx.storage.get(key));
    if (!same) r.add("fail", "media storage", `${where}: a file written could not be read back`);
    else if (!gone) r.add("warn", "media storage", `${where}: writable, but a probe file could not be removed (${key})`);
    else r.add("ok", "media storage", `${where} is writable (wrote, read and removed a probe file)`);
  } catch (e) {
    r.add("fail", "media storage", `${where} is not writable: ${(e as Error).message}`);
  }
}

/**
 * GETs <public URL>/health and /api/v1/instance through the outbound fetcher, as another server
 * would, and checks the answer comes from this instance. Returns the Date header seen (for the clock check).
 */
async function checkPublicUrl(r: Report, ctx: AppContext): Promise<{ date: string | null; url: string }> {
  const url = `${ctx.uris.base}/health`;
  try {
    const health = await safeFetch(ctx, url, { timeoutMs: 10_000, maxBytes: 64 * 1024 });
    const date = health.headers.get("date");
    if (health.status !== 200 || new TextDecoder().decode(health.body).trim() !== "OK") {
      r.add("fail", "public URL", `${url} answered ${health.status}, not 200 OK: is the reverse proxy passing requests to Hearth?`);
      return { date, url };
    }
    const instance = await safeFetch(ctx, `${ctx.uris.base}/api/v1/instance`, { timeoutMs: 10_000 });
    let uri: unknown = null;
    try {
      uri = JSON.parse(new TextDecoder().decode(instance.body)).uri;
    } catch {}
    if (uri !== ctx.config.localDomain)
      r.add("fail", "public URL", `${ctx.uris.base} is another server (its instance is "${uri}", not "${ctx.config.localDomain}")`);
    else r.add("ok", "public URL", `${url} reaches this instance`);
    return { date, url };
  } catch (e) {
    r.add("fail", "public URL", `${url} cannot be reached from here: ${(e as Error).message}`);
    return { date: null, url };
  }
}

/** systemd's view of NTP ("yes"/"no"), or null where timedatectl cannot tell (no systemd, a container). */
function ntpSynchronized(): string | null {
  try {
    const p = Bun.spawnSync(["timedatectl", "show", "-p", "NTPSynchronized", "--value"], { timeout: 3000, stderr: "ignore" });
    const v = p.stdout.toString().trim();
    return p.exitCode === 0 && (v === "yes" || v === "no") ? v : null;
  } catch {
    return null;
  }
}

/**
 * Hearth has no NTP client of its own, so the clock is judged by (1) systemd's NTP status when
 * timedatectl can tell, and (2) the Date header of the public URL's answer, which is another
 * machine's clock when a proxy there answers (otherwise it only proves the server's clock and
 * this one agree). Other servers refuse signatures more than an hour off.
 */
function checkClock(r: Report, seen: { date: string | null; url: string }, now: number, ntp: string | null): void {
  const notes: string[] = [];
  let verdict: Verdict = "ok";
  if (ntp === "yes") notes.push("synchronized by NTP (timedatectl)");
  else if (ntp === "no") {
    verdict = "warn";
    notes.push("NOT synchronized by NTP (timedatectl): enable systemd-timesyncd");
  } else notes.push("NTP status unknown (no timedatectl)");
  const at = seen.date ? Date.parse(seen.date) : NaN;
  if (Number.isNaN(at)) notes.push(`no Date header from ${seen.url} to compare with`);
  else {
    // Date has whole seconds (truncated): the true time was half a second later on average, give or take half a second.
    const off = Math.abs(now - (at + 500));
    const skew = Math.max(0, off - 500);
    const secs = Math.round(off / 1000);
    notes.push(`${secs} s off the Date header of ${seen.url}`);
    if (skew > CLOCK_WINDOW_MS) {
      verdict = "fail";
      notes.push(`other servers refuse signatures more than ${CLOCK_WINDOW_MS / 60000} minutes off`);
    } else if (skew > SKEW_WARN_MS && verdict === "ok") verdict = "warn";
  }
  r.add(verdict, "clock", notes.join("; "));
}

/** Runs every check against the configuration in `env`; returns the exit code (1 when any failed). */
export async function runDoctor(
  env: Record<string, string | undefined>,
  opts: { print?: (line: string) => void; now?: () => number } = {},
): Promise<number> {
  const r = new Report(opts.print ?? ((l) => console.log(l)));
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    r.add("fail", "configuration", e.message);
    return 1;
  }
  // LOCAL_DOMAIN may come from the data directory's record: the public URL check names the one in effect.
  r.add("ok", "configuration", `loaded (DATA_DIR ${config.dataDir})`);
  if (!existsSync(config.dataDir)) {
    r.add("fail", "disk", `DATA_DIR ${config.dataDir} does not exist`);
    return 1;
  }
  checkDisk(r, config);
  if (!checkDatabase(r, config)) return 1;
  let ctx: AppContext;
  try {
    // As every CLI command does: recorded identity, pending migrations (with their backup) applied.
    ctx = createContext(config, { log: createLogger("error", config.logFormat) });
  } catch (e) {
    r.add("fail", "configuration", (e as Error).message);
    return 1;
  }
  try {
    await checkStorage(r, ctx);
    const seen = await checkPublicUrl(r, ctx);
    checkClock(r, seen, (opts.now ?? Date.now)(), ntpSynchronized());
  } finally {
    ctx.db.close();
  }
  return r.failed ? 1 : 0;
}
