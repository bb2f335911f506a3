/** `hearth admin accounts disable-2fa NAME`: the way back in for an owner who lost the phone. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { beginTwoFactorSetup, confirmTwoFactorSetup, twoFactorEnabled } from "../../src/services/security/two-factor";
import { totpAt, totpStep } from "../../src/services/security/totp";

let s: TestServer;
let alice: TestUser;
const SLOW = 30_000;

function admin(...args: string[]): { code: number; out: string; err: string } {
  const p = Bun.spawnSync(["node_modules/.bin/bun", "src/main.ts", "admin", ...args], {
    env: { ...process.env, DATA_DIR: s.dataDir, LOG_LEVEL: "error" },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

test(
  "disable-2fa turns two-factor authentication off, and says so when it was not on",
  () => {
    const secret = beginTwoFactorSetup(s.ctx, alice.user.id);
    expect(confirmTwoFactorSetup(s.ctx, alice.user.id, totpAt(secret, totpStep(s.ctx.now())))).toHaveLength(10);
    expect(twoFactorEnabled(s.ctx, alice.user.id)).toBe(true);

    const r = admin("accounts", "disable-2fa", "@Alice");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Two-factor authentication is now off for @alice");
    expect(twoFactorEnabled(s.ctx, alice.user.id)).toBe(false);
    const row = s.ctx.db.query("SELECT otp_secret, otp_recovery_codes FROM users WHERE id = ?").get(alice.user.id) as any;
    expect(row).toEqual({ otp_secret: null, otp_recovery_codes: "[]" });

    const again = admin("accounts", "disable-2fa", "alice");
    expect(again.code).toBe(0);
    expect(again.out).toContain("@alice did not have two-factor authentication on");
  },
  SLOW,
);

test(
  "disable-2fa for an unknown or missing name fails; help lists the command",
  () => {
    const r = admin("accounts", "disable-2fa", "nobody");
    expect(r.code).toBe(1);
    expect(r.err).toContain('no local account named "nobody"');
    expect(admin("accounts", "disable-2fa").code).toBe(2);
    expect(admin("accounts", "bogus").err).toContain("admin accounts disable-2fa NAME");
  },
  SLOW,
);
