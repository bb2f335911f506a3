/**
 * `make build`: compiles one self-contained binary for one machine.
 *
 *   bun scripts/build.ts <linux-x64|linux-arm64> <outfile> [<node_modules of that platform>]
 *
 * The binary embeds the server, migrations, the web client (web/dist through assets.gen.ts) and
 * sharp's native parts for the target and a static ffmpeg (@ffmpeg-installer/linux-<arch>, an extra
 * entrypoint that src/media/ffmpeg.ts unpacks next to libvips): sharp's `.node` addon (sharp requires it as
 * `@img/sharp-<platform>/sharp.node`; the plugin below resolves that for the target and leaves
 * every other platform's out) and libvips, an extra entrypoint that src/media/sharp.ts unpacks
 * and dlopens at start. For the machine we are on the packages come from ./node_modules and the
 * runtime is this Bun; for another machine the Makefile installs `sharp` and `bun` for that
 * platform into a staging folder outside the tree, and the runtime is that folder's
 * `@oven/bun-linux-<arch>` binary, so nothing is downloaded from anywhere but the npm registry.
 *
 * Start-up and idle memory (issue 11; measured on the 1,000,000-status database, x64, 5 s after the
 * first answer): the code is embedded as JavaScriptCore bytecode (ESM, so the top-level await of
 * src/web-client stays), laid out by scripts/bytecode-order.txt so the functions a start runs sit
 * together and fewer pages of the binary are read, and the binary starts with a JIT policy of
 * 100 (run-once start-up code stays in the interpreter instead of being compiled; src/main.ts sets
 * the normal policy back once the server listens, or at once for every other command). Together
 * with the collection src/main.ts runs after start-up: idle RSS 62 -> 55 MB (anonymous 22.4 -> 15.4;
 * the file pages stay ~40 MB: bytecode read from the binary replaces JIT code the start no longer
 * runs), start-up on that database ~2x faster; the binary grows by 10 MB.
 * The order file is a record of one start; a stale one still applies (functions it does not name go
 * after it). To refresh it after larger changes: `make dist/hearth`, then in a copy of a data folder
 * `BUN_BYTECODE_ORDER_OUT=<repo>/scripts/bytecode-order.txt <repo>/dist/hearth serve --protocol http
 * --port 3999`, `curl http://127.0.0.1:3999/api/v1/instance`, Ctrl-C, and build again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const TARGETS = {
  "linux-x64": { bun: "bun-linux-x64", runtime: "@oven/bun-linux-x64", arch: "x64" },
  "linux-arm64": { bun: "bun-linux-arm64", runtime: "@oven/bun-linux-aarch64", arch: "arm64" },
} as const;
type Target = keyof typeof TARGETS;

const ROOT = resolve(import.meta.dir, "..");
/** The order of the bytecode in the binary (see the comment above): a recorded start of the server. */
const BYTECODE_ORDER = join(ROOT, "scripts/bytecode-order.txt");
/** Tier-up thresholds scaled by this until src/main.ts calls Bun.unsafe.setJITPolicy(1). */
const START_JIT_POLICY = 100;
/** Bare specifiers of sharp's per-platform packages (addon and libvips) for glibc Linux. */
const SHARP_PLATFORM = /^@img\/sharp-(?:libvips-)?linux-(x64|arm64)(?:\/|$)/;

function fail(message: string): never {
  console.error(`build: ${message}`);
  process.exit(1);
}

/** The libvips shared library of the target's `@img/sharp-libvips-linux-<arch>` package. */
function libvipsOf(modules: string, arch: string): string {
  const dir = join(modules, `@img/sharp-libvips-linux-${arch}/lib`);
  const name = existsSync(dir) ? readdirSync(dir).find((f) => /^libvips-cpp\.so\.\d/.test(f)) : undefined;
  if (!name) fail(`libvips for linux-${arch} not found under ${dir} (run make install)`);
  return join(dir, name);
}

/** The static ffmpeg of the target's `@ffmpeg-installer/linux-<arch>` package. */
function ffmpegOf(modules: string, arch: string): string {
  const file = join(modules, `@ffmpeg-installer/linux-${arch}/ffmpeg`);
  if (!existsSync(file)) fail(`ffmpeg for linux-${arch} not found at ${file} (run make install)`);
  return file;
}

/** The version package-lock.json records for a package (`@oven/bun-linux-aarch64`, `@img/sharp-linux-arm64`…). */
function lockedVersion(name: string): string | undefined {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
  return lock.packages[`node_modules/${name}`]?.version;
}

function installedVersion(modules: string, name: string): string | undefined {
  const file = join(modules, name, "package.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : undefined;
}

/** Another platform's packages must be the versions package-lock.json pins (it lists every platform's). */
function checkVersions(modules: string, spec: (typeof TARGETS)[Target]): void {
  for (const name of [
    spec.runtime,
    `@img/sharp-linux-${spec.arch}`,
    `@img/sharp-libvips-linux-${spec.arch}`,
    `@ffmpeg-installer/linux-${spec.arch}`,
  ]) {
    const want = lockedVersion(name);
    const have = installedVersion(modules, name);
    if (!want || have !== want) fail(`${name} in ${modules} is ${have ?? "missing"}, package-lock.json has ${want ?? "none"}`);
  }
}

async function main(): Promise<void> {
  const [target, outfile, modulesArg] = process.argv.slice(2) as [Target, string, string | undefined];
  const spec = TARGETS[target];
  if (!spec || !outfile) fail("usage: bun scripts/build.ts <linux-x64|linux-arm64> <outfile> [<node_modules>]");
  const modules = resolve(ROOT, modulesArg ?? "node_modules");
  const native = process.platform === "linux" && process.arch === spec.arch && !modulesArg;
  // Another machine's runtime comes from its npm package; our own is the Bun running this script.
  const executablePath = native ? undefined : join(modules, spec.runtime, "bin/bun");
  if (executablePath) {
    checkVersions(modules, spec);
    if (!existsSync(executablePath)) fail(`the ${target} Bun runtime is missing: ${executablePath}`);
  }
  const from = dirname(modules); // resolve as a file of the folder holding that node_modules would
  Bun.resolveSync(`@img/sharp-linux-${spec.arch}/sharp.node`, from); // fails early when the addon is missing

  const partial = join(ROOT, "dist/.partial", `${target}.${process.pid}`);
  mkdirSync(dirname(partial), { recursive: true });
  const result = await Bun.build({
    throw: false, // report through result.logs, below
    entrypoints: [join(ROOT, "src/main.ts"), libvipsOf(modules, spec.arch), ffmpegOf(modules, spec.arch)],
    compile: {
      target: spec.bun,
      outfile: partial,
      ...(executablePath ? { executablePath } : {}),
      jitPolicy: START_JIT_POLICY,
      bytecodeOrder: existsSync(BYTECODE_ORDER) && BYTECODE_ORDER,
    },
    format: "esm",
    bytecode: true,
    minify: true,
    sourcemap: "none",
    plugins: [
      {
        name: "sharp-for-target",
        setup(build) {
          build.onResolve({ filter: SHARP_PLATFORM }, (args) => {
            const arch = SHARP_PLATFORM.exec(args.path)![1];
            // Another platform's addon is never loaded on this target: leave it out of the binary.
            if (arch !== spec.arch) return { path: args.path, external: true };
            try {
              return { path: Bun.resolveSync(args.path, from) };
            } catch {
              return undefined; // e.g. a require.resolve hint of a subpath the package does not export
            }
          });
        },
      },
    ],
  });
  if (!result.success) {
    for (const log of result.logs) console.error(log);
    rmSync(partial, { force: true });
    fail(`bun build for ${target} failed`);
  }
  renameSync(partial, resolve(ROOT, outfile));
}

await main();
