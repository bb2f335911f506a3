/**
 * The deployment examples in docs/ are what an operator copies: the systemd unit passes
 * `systemd-analyze verify` and has the promised user, paths, restart policy and hardening; the
 * Caddyfile passes `caddy validate` and the nginx site `nginx -t` (Debian's own caddy and nginx,
 * unpacked into the build cache by `make proxies`, never installed or started); the example
 * environment file names only settings Hearth has and loads as a valid configuration.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../../src/config";

const ROOT = resolve(import.meta.dir, "../..");
const DOCS = join(ROOT, "docs");
const TOOLS = join(process.env.BUILD_CACHE || join(homedir(), ".cache/hearth-build"), "proxy-tools");
const CADDY = join(TOOLS, "usr/bin/caddy");
const NGINX = join(TOOLS, "usr/sbin/nginx");
const ANALYZE = "/usr/bin/systemd-analyze";
const tmp = mkdtempSync(join(tmpdir(), "hearth-docs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(DOCS, name), "utf8");

function run(cmd: string[]): { code: number; out: string } {
  const r = Bun.spawnSync(cmd, { cwd: tmp, stdout: "pipe", stderr: "pipe", env: { PATH: "/usr/bin:/bin", HOME: tmp } });
  return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
}

/** `Key=value` lines of a unit file's [Service] section (a key may repeat). */
function serviceKeys(unit: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  let section = "";
  for (const line of unit.split("\n")) {
    const s = /^\[(\w+)\]$/.exec(line.trim());
    if (s) section = s[1]!;
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (kv && (section === "Service" || section === "Unit")) keys.set(kv[1]!, [...(keys.get(kv[1]!) ?? []), kv[2]!]);
  }
  return keys;
}

describe("docs/hearth.service", () => {
  const unit = read("hearth.service");
  const keys = serviceKeys(unit);
  const one = (k: string) => keys.get(k)?.at(-1);

  test("a dedicated user, /var/lib/hearth, the environment file, restart with a rate limit", () => {
    expect(one("User")).toBe("hearth");
    expect(one("Group")).toBe("hearth");
    expect(one("WorkingDirectory")).toBe("/var/lib/hearth");
    expect(one("StateDirectory")).toBe("hearth");
    expect(one("Environment")).toBe("DATA_DIR=/var/lib/hearth");
    expect(one("EnvironmentFile")).toBe("/etc/hearth/hearth.env");
    expect(one("ExecStart")).toBe("/usr/local/bin/hearth serve");
    expect(one("Restart")).toBe("on-failure");
    expect(Number(one("StartLimitBurst"))).toBeGreaterThan(0);
    expect(Number(one("StartLimitIntervalSec"))).toBeGreaterThan(0);
    // Longer than Hearth's own bounded SIGTERM shutdown (10 s), so systemd never SIGKILLs a clean stop.
    expect(Number.parseInt(one("TimeoutStopSec")!, 10)).toBeGreaterThan(10);
  });

  test("hardening, and a memory cap that fits a 1 GB Raspberry Pi", () => {
    for (const [k, v] of Object.entries({
      NoNewPrivileges: "yes",
      ProtectSystem: "strict",
      ProtectHome: "yes",
      PrivateTmp: "yes",
      PrivateDevices: "yes",
      RestrictAddressFamilies: "AF_INET AF_INET6 AF_UNIX AF_NETLINK",
      CapabilityBoundingSet: "",
    }))
      expect([k, one(k)]).toEqual([k, v]);
    expect(one("ReadWritePaths")!.split(" ")).toContain("/var/lib/hearth");
    // Bun's JIT needs writable+executable memory: this option would stop Hearth at start.
    expect(keys.has("MemoryDenyWriteExecute")).toBe(false);
    const mb = (v: string) => Number.parseInt(v, 10) * ({ K: 1 / 1024, M: 1, G: 1024 }[v.at(-1)!] ?? 1 / (1024 * 1024));
    expect(mb(one("MemoryMax")!)).toBeGreaterThanOrEqual(256);
    expect(mb(one("MemoryMax")!)).toBeLessThanOrEqual(600);
  });

  test.skipIf(!existsSync(ANALYZE))("systemd-analyze verify accepts every line (Debian 12's systemd)", () => {
    // verify needs ExecStart's program to exist: the same unit with /bin/true in its place.
    const file = join(tmp, "hearth.service");
    writeFileSync(file, unit.replace(/^ExecStart=\/usr\/local\/bin\/hearth /m, "ExecStart=/bin/true "));
    const r = run([ANALYZE, "verify", file]);
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("docs/Caddyfile", () => {
  const caddy = read("Caddyfile");

  test("proxies the site to Hearth with TLS left to Caddy, and large uploads allowed", () => {
    expect(caddy).toMatch(/^social\.example\.org \{$/m);
    expect(caddy).toMatch(/^\treverse_proxy 127\.0\.0\.1:3000 \{$/m);
    expect(caddy).toMatch(/^\t\tflush_interval -1$/m);
    expect(caddy).toMatch(/^\t\tmax_size 100MB$/m);
    expect(caddy).not.toMatch(/^\s*tls\s/m);
  });

  test("caddy validate and caddy fmt accept it", () => {
    expect(existsSync(CADDY)).toBe(true);
    const v = run([CADDY, "validate", "--config", join(DOCS, "Caddyfile"), "--adapter", "caddyfile"]);
    expect(v.out).toContain("Valid configuration");
    expect(v.code).toBe(0);
    const fmt = run([CADDY, "fmt", join(DOCS, "Caddyfile")]);
    expect(fmt.out).toBe(caddy);
  });
});

describe("docs/nginx.conf", () => {
  const site = read("nginx.conf");

  test("WebSocket upgrade for streaming, forwarded headers, upload size, TLS", () => {
    const streaming = /location \/api\/v1\/streaming \{([^}]*)\}/.exec(site)?.[1] ?? "";
    expect(streaming).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(streaming).toContain("proxy_set_header Connection $connection_upgrade;");
    expect(streaming).toContain("proxy_buffering off;");
    for (const h of ["Host $host", "X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto $scheme"])
      expect(site).toContain(`proxy_set_header ${h};`);
    expect(site).toContain("client_max_body_size 100m;");
    expect(site).toContain("listen 443 ssl http2;");
    expect(site).toContain("server 127.0.0.1:3000;");
  });

  test("nginx -t accepts it inside an http block (with a throwaway certificate)", () => {
    expect(existsSync(NGINX)).toBe(true);
    const cert = join(tmp, "cert.pem"),
      key = join(tmp, "key.pem");
    const ssl = run([
      "openssl",
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=social.example.org",
      "-keyout",
      key,
      "-out",
      cert,
    ]);
    expect(ssl.code).toBe(0);
    writeFileSync(
      join(tmp, "site.conf"),
      site
        .replace("/etc/letsencrypt/live/social.example.org/fullchain.pem", cert)
        .replace("/etc/letsencrypt/live/social.example.org/privkey.pem", key),
    );
    mkdirSync(join(tmp, "t"), { recursive: true });
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `${k}_temp_path ${tmp}/t/${k};`).join(" ");
    writeFileSync(
      join(tmp, "nginx.conf"),
      `pid ${tmp}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n access_log off;\n ${temp}\n include ${tmp}/site.conf;\n}\n`,
    );
    const r = run([NGINX, "-t", "-p", `${tmp}/`, "-c", join(tmp, "nginx.conf")]);
    expect(r.out).toContain("test is successful");
    expect(r.code).toBe(0);
  });
});

describe("docs/hearth.env", () => {
  const env = read("hearth.env");
  // Settings are read in src/config (LOG_LEVEL by the logger, straight from the environment).
  const config = ["src/config/index.ts", "src/log.ts"].map((f) => readFileSync(join(ROOT, f), "utf8")).join("\n");
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");

  test("names only settings Hearth reads, each described in the README", () => {
    const names = [...env.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) {
      expect([n, config.includes(`"${n}"`) || config.includes(`process.env.${n}`)]).toEqual([n, true]);
      expect([n, readme.includes(`\`${n}\``)]).toEqual([n, true]);
    }
  });

  test("its settings load as a valid configuration with the unit's data directory", () => {
    const vars: Record<string, string> = {};
    for (const m of env.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)) vars[m[1]!] = m[2]!;
    const c = loadConfig(vars);
    expect(c.localDomain).toBe("social.example.org");
    expect(c.protocol).toBe("https");
    expect(c.bind).toBe("127.0.0.1");
    expect(c.dataDir).toBe("/var/lib/hearth");
  });
});
