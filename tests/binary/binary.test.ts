/**
 * The single binary: builds dist/hearth once (make skips it when up to date), copies it into an
 * empty folder with no node_modules, and drives it end to end: help, admin CLI, serve, OAuth,
 * an avatar upload and a media upload (POST /api/v2/media: original, small preview, meta and
 * blurhash) through sharp (which must load from inside the binary), and fail-fast config.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { loadSharp } from "../../src/media/sharp";

const ROOT = resolve(import.meta.dir, "../..");
const BUILD_TIMEOUT = 120_000;

let dir = "";
let port = 0;
let base = "";
let server: Subprocess<"ignore", "pipe", "pipe"> | null = null;
let serverLog = "";
let password = "";
let token = "";

/** A free TCP port on 127.0.0.1. */
function freePort(): number {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const p = s.port!;
  s.stop(true);
  return p;
}

/** Runs ./hearth in the temp dir with only a minimal environment. */
function hearth(args: string[], env: Record<string, string> = {}) {
  const r = Bun.spawnSync(["./hearth", ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? dir, DATA_DIR: join(dir, "data"), ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

function serveEnv(): Record<string, string> {
  return {
    PORT: String(port),
    BIND: "127.0.0.1",
    PROTOCOL: "http",
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    DATA_DIR: join(dir, "data"),
    RATE_LIMITS: "false",
  };
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

/** Waits until the server answers HTTP at all (any status), or fails with its log. */
async function waitForServer(ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (server?.exitCode !== null) throw new Error(`hearth serve exited with ${server?.exitCode}:\n${serverLog}`);
    try {
      await fetch(`${base}/api/v1/instance`);
      return;
    } catch {
      await Bun.sleep(50);
    }
  }
  throw new Error(`hearth serve did not answer within ${ms} ms:\n${serverLog}`);
}

beforeAll(async () => {
  // -o: never reinstall packages from inside a test run; make rebuilds only if sources changed.
  const build = Bun.spawnSync(["make", "-s", "-o", "node_modules/.hearth-installed", "build"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (build.exitCode !== 0) throw new Error(`make build failed:\n${build.stdout}\n${build.stderr}`);
  dir = mkdtempSync(join(tmpdir(), "hearth-bin-"));
  copyFileSync(join(ROOT, "dist/hearth"), join(dir, "hearth"));
  Bun.spawnSync(["chmod", "755", join(dir, "hearth")]);
  port = freePort();
  base = `http://127.0.0.1:${port}`;
}, BUILD_TIMEOUT);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await Promise.race([server.exited, Bun.sleep(3000)]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("dist/hearth from an empty folder", () => {
  test("the folder holds only the binary", () => {
    expect(readdirSync(dir)).toEqual(["hearth"]);
  });

  test("--help lists the commands", () => {
    const r = hearth(["--help"]);
    expect(r.code).toBe(0);
    for (const cmd of ["serve", "admin", "migrate"]) expect(r.out).toMatch(new RegExp(`^\\s+${cmd}\\b`, "m"));
  });

  test("sharp and libvips load inside the binary; the embedded ffmpeg runs and has its encoders", () => {
    const r = hearth(["self-test"]);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/^sharp \d+\.\d+\.\d+, libvips \d+\.\d+\.\d+$/m);
    expect(r.out).toMatch(/^ffmpeg \S+ \((embedded|\/\S+)\), libx264 aac libmp3lame$/m);
    expect(r.code).toBe(0);
  });

  test("bad configuration fails fast with one line naming the variable", () => {
    const r = hearth(["serve"], { ...serveEnv(), PORT: "abc" });
    expect(r.code).not.toBe(0);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("PORT");
    expect(r.out).toBe("");
  });

  test("migrate creates the database", () => {
    const r = hearth(["migrate"], serveEnv());
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "data"))).toContain("hearth.sqlite");
  });

  test("admin accounts create prints a password", () => {
    const r = hearth(["admin", "accounts", "create", "alice", "--email", "a@example.com", "--role", "owner"], serveEnv());
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const m = /New password: (\S+)/.exec(r.out);
    expect(m).not.toBeNull();
    password = m![1]!;
  });

  test("serve answers /api/v1/instance", async () => {
    server = Bun.spawn(["./hearth", "serve"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? dir, ...serveEnv() },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
    void drain(server.stdout);
    void drain(server.stderr);
    await waitForServer();
    const res = await fetch(`${base}/api/v1/instance`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { uri?: string; title?: string };
    expect(body.uri).toBe(`127.0.0.1:${port}`);
    // The server started itself again (same pid) with mimalloc handing freed memory back at once,
    // and with its own arguments only (argv[1] of a compiled binary is its embedded script).
    const environ = readFileSync(`/proc/${server.pid}/environ`, "utf8").split("\0");
    expect(environ).toContain("MIMALLOC_PURGE_DELAY=0");
    expect(readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0").slice(1, -1)).toEqual(["serve"]);
  }, 20_000);

  test("password grant gives a token", async () => {
    expect(server?.exitCode).toBeNull();
    expect(password).not.toBe("");
    const appRes = await fetch(`${base}/api/v1/apps`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ client_name: "binary test", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" }),
    });
    expect(appRes.status).toBe(200);
    const app = (await appRes.json()) as { client_id: string; client_secret: string };
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
    const tok = (await tokRes.json()) as { access_token: string; token_type: string };
    expect(tok.token_type).toBe("Bearer");
    token = tok.access_token;
    expect(token.length).toBeGreaterThan(10);
  });

  test("an avatar upload goes through sharp and is served as an image", async () => {
    expect(token).not.toBe("");
    const png = await loadSharp()({ create: { width: 120, height: 90, channels: 3, background: "#2e86de" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("avatar", new File([png], "avatar.png", { type: "image/png" }));
    const res = await fetch(`${base}/api/v1/accounts/update_credentials`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(200);
    const account = (await res.json()) as { avatar: string; avatar_static: string };
    expect(account.avatar).not.toContain("missing.png");
    const img = await fetch(account.avatar);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type") ?? "").toMatch(/^image\//);
    const meta = await loadSharp()(Buffer.from(await img.arrayBuffer())).metadata();
    expect(meta.width).toBeGreaterThan(0);
    expect(serverLog).not.toMatch(/ERROR/);
  }, 20_000);

  test("a media upload through POST /api/v2/media is processed by sharp: image, preview, meta and blurhash", async () => {
    expect(token).not.toBe("");
    // A gradient, so the blurhash has something to describe.
    const w = 160,
      h = 100;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) raw.set([Math.round((x / w) * 255), Math.round((y / h) * 255), 128], (y * w + x) * 3);
    const png = await loadSharp()(raw, { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append("file", new File([png], "gradient.png", { type: "image/png" }));
    form.append("description", "a gradient");
    const auth = { Authorization: `Bearer ${token}` };
    const res = await fetch(`${base}/api/v2/media`, { method: "POST", headers: auth, body: form });
    expect([200, 202]).toContain(res.status);
    let media = (await res.json()) as any;
    // 202: processing finishes in a job; poll as masto.js does until the url is filled in.
    for (let i = 0; i < 100 && media.url === null; i++) {
      await Bun.sleep(100);
      const r = await fetch(`${base}/api/v1/media/${media.id}`, { headers: auth });
      expect([200, 206]).toContain(r.status);
      media = await r.json();
    }
    expect(media.type).toBe("image");
    expect(media.description).toBe("a gradient");
    expect(media.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,}$/);
    expect(media.meta.original).toMatchObject({ width: w, height: h });
    expect(media.meta.small.width).toBeGreaterThan(0);
    expect(media.meta.small.height).toBeGreaterThan(0);
    for (const url of [media.url, media.preview_url]) {
      expect(url).toStartWith(base);
      const img = await fetch(url);
      expect(img.status).toBe(200);
      expect(img.headers.get("content-type") ?? "").toMatch(/^image\//);
      const meta = await loadSharp()(Buffer.from(await img.arrayBuffer())).metadata();
      expect(meta.width).toBeGreaterThan(0);
      if (url === media.url) expect({ width: meta.width, height: meta.height }).toEqual({ width: w, height: h });
    }
    expect(serverLog).not.toMatch(/ERROR/);
  }, 30_000);
});
