/**
 * Loads sharp lazily. From a checkout a plain require works. Inside the compiled binary Bun
 * unpacks sharp's `.node` addon to a temp dir where its RPATH cannot find libvips, so the
 * build embeds `libvips-cpp.so.*` (an extra entrypoint in the Makefile) and, before requiring
 * sharp, we write it once to a private cache dir and dlopen it: the addon's NEEDED entry then
 * matches the already-loaded library by its soname.
 */
import { dlopen, FFIType } from "bun:ffi";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HEARTH_VERSION } from "../version";

/** sharp's callable CommonJS export. */
export type Sharp = typeof import("sharp").default;

let cached: Sharp | null = null;
/** libvips worker threads per image (MEDIA_THREADS); applied when sharp loads. */
let threads = 1;
/** Keeps the dlopen handle alive for the life of the process. */
let libvipsHandle: unknown = null;

/** The sharp module (CommonJS entry), loaded on first use; throws with a clear message if it cannot load. */
export function loadSharp(): Sharp {
  if (cached) return cached;
  if (Bun.isStandaloneExecutable) preloadEmbeddedLibvips();
  // The CommonJS entry makes `bun build --compile` embed the `.node` addon next to it.
  cached = require("sharp") as Sharp;
  cached.concurrency(threads);
  return cached;
}

/**
 * Sets how many libvips threads work on one image (sharp.concurrency; process-wide, as libvips's
 * pool is). One keeps an image job to one core; sharp's own default is the core count on musl.
 */
export function setMediaThreads(n: number): void {
  threads = n;
  cached?.concurrency(n);
}

/** Encodes and decodes a tiny PNG; resolves to e.g. "sharp 0.35.5, libvips 8.18.7". */
export async function sharpSelfTest(): Promise<string> {
  const sharp = loadSharp();
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c0392b" } })
    .png()
    .toBuffer();
  const meta = await sharp(png).metadata();
  if (meta.format !== "png" || meta.width !== 8) throw new Error(`sharp self-test decoded ${meta.format} ${meta.width}px`);
  return `sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}`;
}

function preloadEmbeddedLibvips(): void {
  if (libvipsHandle) return;
  const blob = Bun.embeddedFiles.find((f) => /^libvips-cpp\.so/.test((f as Blob & { name: string }).name));
  if (!blob) throw new Error("sharp: libvips is not embedded in this binary (build it with `make build`)");
  const name = (blob as Blob & { name: string }).name; // carries a content hash, so a new build gets a new file
  const dir = join(tmpdir(), `hearth-${HEARTH_VERSION}-${process.getuid?.() ?? 0}`);
  const path = join(dir, name);
  try {
    ensureFile(dir, path, `/$bunfs/root/${name}`, blob.size);
    libvipsHandle = dlopen(path, { vips_version: { args: [FFIType.i32], returns: FFIType.i32 } });
  } catch (e) {
    // Bun unpacks the addon to the same temp dir, so a noexec /tmp needs TMPDIR elsewhere anyway.
    throw new Error(
      `sharp: could not load the embedded libvips from ${dir} (${(e as Error).message}); set TMPDIR to a writable, exec-allowed directory`,
    );
  }
}

/** Writes `src` to `path` unless an identical-size copy exists; refuses dirs another user owns. */
function ensureFile(dir: string, path: string, src: string, size: number): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) throw new Error("not a private directory");
  if ((st.mode & 0o022) !== 0) chmodSync(dir, 0o700);
  if (existsSync(path) && statSync(path).size === size) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, readFileSync(src), { mode: 0o600 });
  renameSync(tmp, path);
}
