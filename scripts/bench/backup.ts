/**
 * Bench suite "backup" (issue 11): `hearth backup` and `hearth restore` on the 1,000,000-status
 * database (the base data set of seed.ts, cached in .bench/), run as a user runs them (the CLI,
 * a separate process), and what a running server's requests see meanwhile: the backup's
 * VACUUM INTO runs on a worker thread of the CLI process, so the server keeps answering.
 * Knobs: BENCH_STATUSES, BENCH_ACCOUNTS, BENCH_FOLLOWS (the seed's size, shared with http.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { BENCH, fmt, loadNote, num, printTable, ROOT, startServer } from "./lib";
import { baseDb } from "./seed-cache";

const P = {
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
};

const mb = (bytes: number) => fmt(bytes / 1024 / 1024);

function duSync(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? duSync(p) : statSync(p).size;
  }
  return n;
}

/** Runs the CLI; returns wall-clock ms. */
async function cli(args: string[], env: Record<string, string>): Promise<number> {
  const t = performance.now();
  const p = Bun.spawn([process.execPath, "src/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdout: "inherit",
    stderr: "inherit",
  });
  const code = await p.exited;
  if (code !== 0) throw new Error(`hearth ${args.join(" ")} exited with ${code}`);
  return performance.now() - t;
}

async function main(): Promise<void> {
  const base = await baseDb(P);
  const work = join(BENCH, "run-backup");
  rmSync(work, { recursive: true, force: true });
  const dataDir = join(work, "data");
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(base.path, join(dataDir, "hearth.sqlite"));
  if (existsSync(`${base.path}-wal`)) copyFileSync(`${base.path}-wal`, join(dataDir, "hearth.sqlite-wal"));
  const dbBytes = statSync(join(dataDir, "hearth.sqlite")).size;
  const rows: string[][] = [];

  const idle = await cli(["backup", join(work, "idle")], { DATA_DIR: dataDir });
  const idleDir = join(work, "idle", readdirSync(join(work, "idle"))[0]!);
  rows.push(["hearth backup (server stopped)", fmt(idle / 1000, 2), mb(dbBytes), mb(duSync(idleDir)), "-"]);

  // Beside a running server: how slow do its answers get while the backup runs?
  const server = await startServer("backup", dataDir, { LOG_LEVEL: "warn" });
  try {
    let running = true;
    const lat: number[] = [];
    const probe = (async () => {
      while (running) {
        const t = performance.now();
        await fetch(`${server.base}/api/v1/timelines/public?limit=20`);
        lat.push(performance.now() - t);
        await Bun.sleep(20);
      }
    })();
    const live = await cli(["backup", join(work, "live")], { DATA_DIR: dataDir });
    running = false;
    await probe;
    lat.sort((a, b) => a - b);
    const liveDir = join(work, "live", readdirSync(join(work, "live"))[0]!);
    rows.push([
      "hearth backup (server running)",
      fmt(live / 1000, 2),
      mb(dbBytes),
      mb(duSync(liveDir)),
      `${fmt(lat[Math.floor(lat.length / 2)] ?? Number.NaN)} / ${fmt(lat[lat.length - 1] ?? Number.NaN)}`,
    ]);
  } finally {
    await server.stop();
  }

  const restored = join(work, "restored");
  const restore = await cli(["restore", idleDir], { DATA_DIR: restored });
  rows.push(["hearth restore (checksums, integrity_check)", fmt(restore / 1000, 2), "-", mb(duSync(restored)), "-"]);
  if (!existsSync(join(restored, "hearth.sqlite"))) throw new Error("restore left no database");

  console.log(`\nbackup of the ${P.statuses.toLocaleString("en")}-status database (${loadNote()})`);
  printTable(["step", "seconds", "database MB", "backup MB", "public timeline ms p50 / max meanwhile"], rows);
  rmSync(work, { recursive: true, force: true });
}

await main();
