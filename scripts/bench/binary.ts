/**
 * Bench suite "binary" (issue 11): the sizes of dist/hearth-linux-x64 and dist/hearth-linux-arm64
 * (as built and gzipped, as one would download them) and each binary's start-up, the time from
 * spawn to the first answered request (GET /api/v1/instance) on an empty data directory: x64
 * natively, arm64 under qemu-aarch64-static (`make qemu`, a Cortex-A53) unless this machine is arm64.
 * Runs `make build` first. BENCH_BINARY_RUNS start-ups per binary (3); the median is reported.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt, freePort, loadNote, num, printTable, ROOT } from "./lib";

const RUNS = num("BENCH_BINARY_RUNS", 3);
const QEMU = "/usr/bin/qemu-aarch64-static";

interface Binary {
  arch: "x64" | "arm64";
  file: string;
  /** Prefix of the command line (qemu for the arm64 binary on x64); null: not started here. */
  runner: string[] | null;
  how: string;
}

function binaries(): Binary[] {
  const host = process.arch === "arm64" ? "arm64" : "x64";
  return (["x64", "arm64"] as const).map((arch) => {
    const file = join(ROOT, `dist/hearth-linux-${arch}`);
    if (arch === host) return { arch, file, runner: [], how: "native" };
    return arch === "arm64" ? { arch, file, runner: [QEMU], how: "qemu" } : { arch, file, runner: null, how: "-" };
  });
}

/** Milliseconds from spawn to the first answered GET /api/v1/instance on a new empty data directory. */
async function startUp(b: Binary, binPath: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), `hearth-bench-${b.arch}-`));
  const port = freePort();
  const t0 = performance.now();
  const proc = Bun.spawn([...(b.runner ?? []), binPath, "serve"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? dir,
      QEMU_LD_PREFIX: "/usr/aarch64-linux-gnu",
      QEMU_CPU: "cortex-a53", // a Raspberry Pi 3's CPU, as in tests/binary/arm64.test.ts
      PORT: String(port),
      BIND: "127.0.0.1",
      PROTOCOL: "http",
      LOCAL_DOMAIN: `127.0.0.1:${port}`,
      DATA_DIR: join(dir, "data"),
      LOG_LEVEL: "warn",
    },
    stdin: "ignore",
    stdout: "ignore",
    stderr: "ignore",
  });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${b.arch} binary exited with ${proc.exitCode}`);
      if (performance.now() - t0 > 120_000) throw new Error(`${b.arch} binary did not answer within 120 s`);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/instance`).catch(() => null);
      if (res?.ok) return performance.now() - t0;
      await Bun.sleep(20);
    }
  } finally {
    proc.kill("SIGTERM");
    await Promise.race([proc.exited, Bun.sleep(15_000)]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const build = Bun.spawnSync(["make", "-s", "build"], { cwd: ROOT, stdout: "inherit", stderr: "inherit" });
  if (build.exitCode !== 0) throw new Error("make build failed");
  const work = mkdtempSync(join(tmpdir(), "hearth-bench-bin-"));
  const rows: string[][] = [];
  try {
    for (const b of binaries()) {
      const size = statSync(b.file).size;
      const gz = Bun.gzipSync(readFileSync(b.file), { level: 6 }).length;
      let times: number[] = [];
      let note = "";
      if (!b.runner) note = "not started on this machine";
      else if (b.runner.length && !existsSync(b.runner[0]!)) note = `skipped: ${b.runner[0]} missing (make qemu)`;
      else {
        // A copy outside the tree, as a user would run it; the first start also unpacks libvips.
        const bin = join(work, `hearth-${b.arch}`);
        copyFileSync(b.file, bin);
        Bun.spawnSync(["chmod", "755", bin]);
        for (let i = 0; i < RUNS; i++) times.push(await startUp(b, bin));
      }
      rows.push([
        `hearth-linux-${b.arch}`,
        fmt(size / 1e6),
        fmt(gz / 1e6),
        b.how,
        times.length ? fmt(median(times), 0) : "-",
        times.length ? times.map((t) => fmt(t, 0)).join(" ") : note,
      ]);
      console.log(`  ${b.arch} done (${loadNote()})`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nBinaries and start-up on an empty data directory, ${RUNS} runs each (${loadNote()})`);
  printTable(["binary", "MB", "gzip MB", "run", "start ms (median)", "each run ms"], rows);
}

await main();
