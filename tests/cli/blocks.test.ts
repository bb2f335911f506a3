import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAdmin } from "../../src/cli/admin";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { listAdminActionLogs } from "../../src/db/queries/admin-action-logs";
import { findDomainAllow, listDomainAllows } from "../../src/db/queries/domain-allows";
import { listCanonicalEmailBlocks, listEmailDomainBlocks } from "../../src/db/queries/email-blocks";
import { listIpBlocks } from "../../src/db/queries/ip-blocks";
import { createLogger } from "../../src/log";
import { ipSeverities } from "../../src/services/admin/ip-blocks";
import { signUpEmailBlocked, testCanonicalEmail } from "../../src/services/admin/email-blocks";

let dataDir: string;
let ctx: AppContext;
const SLOW = 30_000;

/** Runs the real CLI in its own process against the data directory. */
function admin(...args: string[]): { code: number; out: string; err: string } {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "admin", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOCAL_DOMAIN: "hearth.test", LOG_LEVEL: "error" },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

/** Runs the command in-process, capturing what it prints. */
async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = spyOn(console, "log").mockImplementation(() => {});
  const error = spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await runAdmin(ctx, args);
    return { code, out: log.mock.calls.map((c) => c.join(" ")).join("\n"), err: error.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const logs = () => listAdminActionLogs(ctx.db, 1000);
/** Everything the commands can write, to check that a refused command wrote nothing. */
const snapshot = () => ({
  ip: listIpBlocks(ctx.db, 1000),
  email: listEmailDomainBlocks(ctx.db, 1000),
  canonical: listCanonicalEmailBlocks(ctx.db, 1000),
  allows: listDomainAllows(ctx.db, 1000),
  logs: logs().length,
});

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "hearth-blocks-"));
  ctx = createContext(loadConfig({ DATA_DIR: dataDir, LOCAL_DOMAIN: "hearth.test" }), { log: createLogger("error") });
});
afterAll(() => {
  ctx.db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("hearth admin ip-blocks", () => {
  test(
    "add (through main, another process) blocks the range with an expiry and comment, audit-logged by the command line",
    () => {
      const r = admin("ip-blocks", "add", "198.51.100.7/24", "--severity", "no_access", "--expires-in", "3600", "--comment", "spam run");
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("Added IP block 198.51.100.0/24 (no_access until ");
      const [row] = listIpBlocks(ctx.db, 10);
      expect(row).toMatchObject({ ip: "198.51.100.0/24", severity: "no_access", comment: "spam run" });
      expect(row!.expires_at! - row!.created_at).toBe(3_600_000);
      expect(ipSeverities(ctx, "198.51.100.200").has("no_access")).toBe(true);
      expect(ipSeverities(ctx, "198.51.101.1").size).toBe(0);
      expect(logs()[0]).toMatchObject({ account_id: null, action: "create", target_type: "IpBlock", human_identifier: "198.51.100.0/24" });
      const list = admin("ip-blocks", "list");
      expect(list.code).toBe(0);
      expect(list.out).toMatch(/^198\.51\.100\.0\/24\s+no_access\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+spam run$/m);
    },
    SLOW,
  );

  test("an existing block is refused unless --force (tootctl), which changes it; remove lifts it", async () => {
    const n = snapshot();
    expect(await run("ip-blocks", "add", "198.51.100.9/24", "--severity", "sign_up_block")).toEqual({
      code: 1,
      out: "",
      err: "hearth: 198.51.100.0/24 is already blocked (no_access); --force changes it",
    });
    expect(snapshot()).toEqual(n);
    const f = await run("ip-blocks", "add", "--force", "198.51.100.0/24", "--severity", "sign_up_block");
    expect(f.code).toBe(0);
    expect(ipSeverities(ctx, "198.51.100.1")).toEqual(new Set(["sign_up_block"]));
    expect(logs()[0]).toMatchObject({ account_id: null, action: "update", target_type: "IpBlock" });
    expect(await run("ip-blocks", "add", "2001:db8::1", "--severity", "sign_up_requires_approval")).toMatchObject({ code: 0 });
    expect(ipSeverities(ctx, "2001:db8::1").has("sign_up_requires_approval")).toBe(true);
    expect(await run("ip-blocks", "remove", "198.51.100.0/24")).toEqual({ code: 0, out: "Removed IP block 198.51.100.0/24", err: "" });
    expect(ipSeverities(ctx, "198.51.100.1").size).toBe(0);
    expect(logs()[0]).toMatchObject({ account_id: null, action: "destroy", target_type: "IpBlock", human_identifier: "198.51.100.0/24" });
    expect(listIpBlocks(ctx.db, 10).map((r) => r.ip)).toEqual(["2001:db8::1/128"]);
  });

  test("bad input exits non-zero with one line and writes nothing", async () => {
    const n = snapshot();
    const cases: [string[], number, string][] = [
      [
        ["ip-blocks", "add", "203.0.113.1"],
        1,
        "hearth: --severity is required (one of sign_up_requires_approval, sign_up_block, no_access)",
      ],
      [["ip-blocks", "add", "203.0.113.1", "--severity", "nuke"], 1, "hearth: Severity is not included in the list"],
      [["ip-blocks", "add", "not-an-ip", "--severity", "no_access"], 1, "hearth: Ip is invalid"],
      [
        ["ip-blocks", "add", "203.0.113.1", "--severity", "no_access", "--expires-in", "soon"],
        1,
        'hearth: invalid --expires-in "soon" (a number of seconds)',
      ],
      [["ip-blocks", "add", "203.0.113.1", "--severity", "no_access", "--expires-in", "0"], 1, "hearth: Expires in must be greater than 0"],
      [["ip-blocks", "remove", "203.0.113.1"], 1, "hearth: 203.0.113.1 is not blocked"],
      [["email-domain-blocks", "add", "not a domain"], 1, "hearth: Domain is not a valid domain name"],
      [["email-domain-blocks", "remove", "never.example"], 1, "hearth: never.example is not blocked"],
      [["canonical-email-blocks", "add", "no-at-sign"], 1, "hearth: Email is invalid"],
      [["canonical-email-blocks", "remove", "nobody@example.com"], 1, "hearth: nobody@example.com is not blocked"],
      [["domain-allows", "add", "bad domain"], 1, "hearth: Domain is not a valid domain name"],
      [["domain-allows", "remove", "never.example"], 1, "hearth: never.example is not allowed"],
    ];
    for (const [args, code, err] of cases) expect({ args, ...(await run(...args)) }).toEqual({ args, code, out: "", err });
    for (const args of [
      ["ip-blocks", "add"],
      ["ip-blocks", "frobnicate"],
      ["ip-blocks", "list", "extra"],
      ["email-domain-blocks", "add", "a.example", "b.example"],
      ["canonical-email-blocks"],
      ["domain-allows", "remove"],
    ]) {
      const r = await run(...args);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 2, out: "" });
      expect(r.err.split("\n")[0]).toMatch(/^hearth: (missing|unexpected|unknown) .*; commands:$/);
    }
    expect(snapshot()).toEqual(n);
  });
});

describe("hearth admin email-domain-blocks, canonical-email-blocks, domain-allows", () => {
  test("e-mail domain blocks: add refuses sign-ups on the domain and its subdomains, list, remove", async () => {
    expect(await run("email-domain-blocks", "add", "Spam.Example.")).toEqual({
      code: 0,
      out: "Blocked sign-ups from e-mail addresses on spam.example and its subdomains",
      err: "",
    });
    expect(await signUpEmailBlocked(ctx, "x@mail.spam.example")).toBe("domain");
    expect(logs()[0]).toMatchObject({
      account_id: null,
      action: "create",
      target_type: "EmailDomainBlock",
      human_identifier: "spam.example",
    });
    expect(await run("email-domain-blocks", "add", "spam.example")).toMatchObject({
      code: 1,
      err: "hearth: Domain has already been taken",
    });
    expect((await run("email-domain-blocks", "list")).out).toMatch(/^spam\.example\s+\d{4}-\d\d-\d\d$/);
    expect((await run("email-domain-blocks", "remove", "SPAM.example")).code).toBe(0);
    expect(await signUpEmailBlocked(ctx, "x@mail.spam.example")).toBeNull();
    expect(logs()[0]).toMatchObject({ account_id: null, action: "destroy", target_type: "EmailDomainBlock" });
    expect((await run("email-domain-blocks", "list")).out).toBe("No blocked e-mail domains");
  });

  test("canonical e-mail blocks: add covers dot and +tag variants, test, list by hash, remove by any variant", async () => {
    expect((await run("canonical-email-blocks", "add", "Jane.Doe+x@example.com")).code).toBe(0);
    expect(testCanonicalEmail(ctx, "janedoe@example.com")).toHaveLength(1);
    expect(await signUpEmailBlocked(ctx, "jane.doe+other@example.com")).toBe("canonical");
    expect(logs()[0]).toMatchObject({ account_id: null, action: "create", target_type: "CanonicalEmailBlock" });
    expect((await run("canonical-email-blocks", "test", "j.a.n.e.doe@example.com")).out).toMatch(/ is blocked \(hash [0-9a-f]{64}\)$/);
    expect(await run("canonical-email-blocks", "test", "john@example.com")).toEqual({
      code: 0,
      out: "john@example.com is not blocked",
      err: "",
    });
    const [row] = listCanonicalEmailBlocks(ctx.db, 10);
    expect((await run("canonical-email-blocks", "list")).out).toStartWith(row!.canonical_email_hash);
    expect((await run("canonical-email-blocks", "remove", "janedoe@example.com")).code).toBe(0);
    expect(testCanonicalEmail(ctx, "janedoe@example.com")).toHaveLength(0);
    expect(logs()[0]).toMatchObject({ account_id: null, action: "destroy", target_type: "CanonicalEmailBlock" });
  });

  test(
    "domain allows: add (through main), list, remove",
    async () => {
      const r = admin("domain-allows", "add", "Friends.Example");
      expect(r).toEqual({ code: 0, out: "Allowed friends.example\n", err: "" });
      expect(findDomainAllow(ctx.db, "friends.example")).not.toBeNull();
      expect(logs()[0]).toMatchObject({
        account_id: null,
        action: "create",
        target_type: "DomainAllow",
        human_identifier: "friends.example",
      });
      // An existing allow is answered as is (Mastodon): no second row, no second log entry.
      const n = logs().length;
      expect((await run("domain-allows", "add", "friends.example")).code).toBe(0);
      expect(logs().length).toBe(n);
      expect((await run("domain-allows", "list")).out).toMatch(/^friends\.example\s+\d{4}-\d\d-\d\d$/);
      expect(await run("domain-allows", "remove", "friends.example")).toEqual({
        code: 0,
        out: "Removed friends.example from the allowed domains",
        err: "",
      });
      expect(findDomainAllow(ctx.db, "friends.example")).toBeNull();
      expect(logs()[0]).toMatchObject({ account_id: null, action: "destroy", target_type: "DomainAllow" });
    },
    SLOW,
  );

  test(
    "help lists the commands",
    () => {
      const out = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "help"], { stdout: "pipe" }).stdout.toString();
      expect(out).toContain("admin ip-blocks add IP/CIDR --severity sign_up_requires_approval|sign_up_block|no_access");
      expect(out).toContain("admin canonical-email-blocks add|remove|test EMAIL");
      expect(out).toContain("admin domain-allows add|remove DOMAIN");
    },
    SLOW,
  );
});
