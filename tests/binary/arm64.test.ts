/**
 * The Raspberry Pi binary: dist/hearth-linux-arm64 (built by `make build`), copied alone into an
 * empty folder and run under qemu-aarch64-static, emulating a Cortex-A53, with Debian's arm64 C/C++
 * runtime (`make qemu` installs both; on an arm64 machine it runs natively). From an empty data directory it must
 * serve the API, the embedded web client, process an uploaded JPEG through sharp and libvips
 * loaded from inside the binary, and transcode a short video with the embedded arm64 ffmpeg. Emulation is slow (seconds per start), so tests have their own
 * generous timeouts and the file does the least that shows each part works.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { loadSharp } from "../../src/media/sharp";
import { ffmpegFile, PATTERN, TONE } from "../media/clips";

const ROOT = resolve(import.meta.dir, "../..");
const BINARY = join(ROOT, "dist/hearth-linux-arm64");
const QEMU = "/usr/bin/qemu-aarch64-static";
/** Where Debian's libc6-arm64-cross and friends put the arm64 loader and libraries. */
const ARM64_SYSROOT = "/usr/aarch64-linux-gnu";
const NATIVE = process.arch === "arm64";
const START_TIMEOUT = 60_000;

let dir = "";
let port = 0;
let base = "";
let server: Subprocess<"ignore", "pipe", "pipe"> | null = null;
let serverLog = "";
let password = "";
let token = "";

function freePort(): number {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const p = s.port!;
  s.stop(true);
  return p;
}

/** The command line that runs ./hearth: under qemu unless this machine is arm64. */
function command(args: string[]): string[] {
  return NATIVE ? ["./hearth", ...args] : [QEMU, "./hearth", ...args];
}

/**
 * qemu-user runs ./hearth but not the arm64 programs it starts (no binfmt_misc here): hearth runs
 * its unpacked ffmpeg as `nice -n 10 <ffmpeg> …`, so a `nice` first on the PATH starts it under qemu.
 */
function shimDir(): string {
  const bin = join(dir, "qemu-bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "nice"), `#!/bin/sh\nshift 2\nexec ${QEMU} "$@"\n`, { mode: 0o755 });
  return bin;
}

function env(): Record<string, string> {
  return {
    PATH: NATIVE ? (process.env.PATH ?? "/usr/bin:/bin") : `${shimDir()}:${process.env.PATH ?? "/usr/bin:/bin"}`,
    HOME: process.env.HOME ?? dir,
    QEMU_LD_PREFIX: ARM64_SYSROOT,
    // The oldest 64-bit Raspberry Pi CPU (Pi 3, Zero 2 W): no instruction newer than ARMv8.0-A.
    QEMU_CPU: "cortex-a53",
    PORT: String(port),
    BIND: "127.0.0.1",
    PROTOCOL: "http",
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    DATA_DIR: join(dir, "data"),
    RATE_LIMITS: "false",
  };
}

/** Runs ./hearth to completion without blocking the event loop (the server's output keeps draining). */
async function hearth(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const p = Bun.spawn(command(args), { cwd: dir, env: env(), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, out, err };
}

async function drain(stream: ReadableStream<Uint8Array>) {
  const dec = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    serverLog += dec.decode(value, { stream: true });
  }
}

/** e_machine of an ELF file (183 = AArch64, 62 = x86-64). */
function elfMachine(path: string): number {
  const head = Buffer.alloc(20);
  const fd = openSync(path, "r");
  readSync(fd, head, 0, 20, 0);
  return head.subarray(0, 4).toString("latin1") === "\x7fELF" ? head.readUInt16LE(18) : -1;
}

beforeAll(async () => {
  // `make test` builds first; run alone, this builds what is missing (the first time includes the
  // arm64 packages' install into the staging folder).
  const build = Bun.spawnSync(["make", "-s", "-o", "node_modules/.hearth-installed", "build"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (build.exitCode !== 0) throw new Error(`make build failed:\n${build.stdout}\n${build.stderr}`);
  if (!NATIVE && (!existsSync(QEMU) || !existsSync(join(ARM64_SYSROOT, "lib/libstdc++.so.6"))))
    throw new Error(`${QEMU} or the arm64 runtime in ${ARM64_SYSROOT} is missing: run \`make qemu\` (make test does)`);
  dir = mkdtempSync(join(tmpdir(), "hearth-arm64-"));
  copyFileSync(BINARY, join(dir, "hearth"));
  Bun.spawnSync(["chmod", "755", join(dir, "hearth")]);
  port = freePort();
  base = `http://127.0.0.1:${port}`;
}, 300_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await Promise.race([server.exited, Bun.sleep(15_000)]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 20_000);

describe("dist/hearth-linux-arm64 from an empty folder", () => {
  test("is a self-contained arm64 executable, alone in its folder", () => {
    expect(readdirSync(dir).filter((n) => n !== "qemu-bin")).toEqual(["hearth"]);
    expect(elfMachine(join(dir, "hearth"))).toBe(183);
    expect(elfMachine(join(ROOT, "dist/hearth-linux-x64"))).toBe(62);
  });

  test(
    "serve starts on an empty data directory and answers /api/v1/instance",
    async () => {
      const t0 = performance.now();
      server = Bun.spawn(command(["serve"]), { cwd: dir, env: env(), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
      void drain(server.stdout);
      void drain(server.stderr);
      let res: Response | null = null;
      while (!res) {
        if (server.exitCode !== null) throw new Error(`hearth serve exited with ${server.exitCode}:\n${serverLog}`);
        if (performance.now() - t0 > START_TIMEOUT - 5000) throw new Error(`hearth serve did not answer:\n${serverLog}`);
        res = await fetch(`${base}/api/v1/instance`).catch(() => null);
        if (!res) await Bun.sleep(200);
      }
      console.log(`arm64 serve: first answer after ${((performance.now() - t0) / 1000).toFixed(1)} s${NATIVE ? "" : " under qemu"}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { uri: string; version: string };
      expect(body.uri).toBe(`127.0.0.1:${port}`);
      expect(body.version).toContain("Hearth");
      expect(readdirSync(join(dir, "data"))).toContain("hearth.sqlite");
    },
    START_TIMEOUT,
  );

  test("admin accounts create works against the running server's database", async () => {
    expect(server?.exitCode).toBeNull();
    const r = await hearth(["admin", "accounts", "create", "alice", "--email", "a@example.com", "--role", "owner"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const m = /New password: (\S+)/.exec(r.out);
    expect(m).not.toBeNull();
    password = m![1]!;
  }, 45_000);

  test("the embedded web client (a client route) and its hashed assets", async () => {
    // `/` is the visitor's landing page inside the client's document; a client route is index.html as built.
    const res = await fetch(`${base}/home`, { headers: { Accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toBe(readFileSync(join(ROOT, "web/dist/index.html"), "utf8"));
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html);
    expect(script).not.toBeNull();
    const asset = await fetch(`${base}${script![1]}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(ROOT, "web/dist", script![1]!)))).toBe(true);
  }, 20_000);

  test("an uploaded JPEG is processed by sharp inside the binary: original, small preview and meta", async () => {
    expect(password).not.toBe("");
    const app = (await (
      await fetch(`${base}/api/v1/apps`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client_name: "arm64 test", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" }),
      })
    ).json()) as { client_id: string; client_secret: string };
    const tokRes = await fetch(`${base}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        username: "a@example.com",
        password,
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: "read write",
      }),
    });
    expect(tokRes.status).toBe(200);
    token = ((await tokRes.json()) as { access_token: string }).access_token;

    // A gradient larger than the 640x360-pixel preview, so the preview is really resized.
    const w = 800,
      h = 500;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) raw.set([Math.round((x / w) * 255), Math.round((y / h) * 255), 96], (y * w + x) * 3);
    const jpeg = await loadSharp()(raw, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer();
    const form = new FormData();
    form.append("file", new File([jpeg], "gradient.jpg", { type: "image/jpeg" }));
    const auth = { Authorization: `Bearer ${token}` };
    const res = await fetch(`${base}/api/v2/media`, { method: "POST", headers: auth, body: form });
    expect([200, 202]).toContain(res.status);
    let media = (await res.json()) as any;
    for (let i = 0; i < 150 && media.url === null; i++) {
      await Bun.sleep(200);
      media = await (await fetch(`${base}/api/v1/media/${media.id}`, { headers: auth })).json();
    }
    expect(media.type).toBe("image");
    expect(media.meta.original).toMatchObject({ width: w, height: h, size: `${w}x${h}` });
    const small = media.meta.small as { width: number; height: number; aspect: number };
    expect(small.width).toBeLessThan(w);
    expect(small.width * small.height).toBeLessThanOrEqual(640 * 360);
    expect(small.width * small.height).toBeGreaterThan(0.9 * 640 * 360);
    expect(small.aspect).toBeCloseTo(w / h, 1);
    expect(media.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);
    for (const [url, size] of [
      [media.url, { width: w, height: h }],
      [media.preview_url, { width: small.width, height: small.height }],
    ] as const) {
      const img = await fetch(url);
      expect(img.status).toBe(200);
      const meta = await loadSharp()(Buffer.from(await img.arrayBuffer())).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual(size);
    }
    expect(serverLog).not.toMatch(/ERROR/);
  }, 60_000);

  test("a short VP8 WebM is transcoded by the embedded arm64 ffmpeg to H.264/AAC MP4 with a preview frame", async () => {
    expect(token).not.toBe("");
    const webm = await ffmpegFile([...PATTERN, ...TONE, "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm"]);
    const form = new FormData();
    form.append("file", new File([webm], "clip.webm", { type: "video/webm" }));
    const auth = { Authorization: `Bearer ${token}` };
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v2/media`, { method: "POST", headers: auth, body: form });
    expect(res.status).toBe(202);
    let media = (await res.json()) as any;
    for (let i = 0; i < 400 && media.url === null; i++) {
      await Bun.sleep(200);
      media = await (await fetch(`${base}/api/v1/media/${media.id}`, { headers: auth })).json();
    }
    console.log(`arm64 transcode of a 0.5 s 160x120 WebM: ${((performance.now() - t0) / 1000).toFixed(1)} s${NATIVE ? "" : " under qemu"}`);
    expect(media.type).toBe("video");
    expect(media.url).toEndWith(".mp4");
    expect(media.meta).toMatchObject({ width: 160, height: 120 });
    expect(media.meta.audio_encode).toStartWith("aac");
    expect(media.preview_url).toBeTruthy();
    const mp4 = Buffer.from(await (await fetch(media.url)).arrayBuffer());
    expect(mp4.subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(serverLog).not.toMatch(/ERROR/);
  }, 120_000);
});
