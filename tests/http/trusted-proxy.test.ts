/**
 * Behind a trusted reverse proxy (the default TRUSTED_PROXY_IP trusts loopback, and the tests
 * connect from 127.0.0.1): the client is the rightmost X-Forwarded-For address that is not a
 * trusted proxy, so entries the client wrote itself (on the left) change nothing. Sign-in
 * throttles, sign-up IPs and Secure cookies all follow from that.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { registerApp } from "../api/oauth/browser";
import { appToken, signUp } from "../api/v1/registrations/helpers";
import { Browser, formFor } from "../web-pages/security/helpers";

let s: TestServer;
let app: { client_id: string; client_secret: string };
beforeAll(async () => {
  s = await startTestServer({ env: { RATE_LIMITS: "true" } });
  app = await registerApp(s.url, { client_name: "Proxy", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
  // Real accounts (cheap test hashes), one wrong guess each per test: only the per-IP limit is in play.
  for (let i = 0; i < 25; i++) await s.createUser(`guess${i}`);
});
afterAll(() => s.stop());

/** Posts 60 wrong passwords to /auth/sign_in, spread over 25 accounts (so only the per-IP limit applies). */
async function htmlSignIns(xff: (i: number) => string): Promise<number[]> {
  const b = new Browser(s.url);
  const form = formFor(await b.page("/auth/sign_in"), "/auth/sign_in");
  const codes: number[] = [];
  for (let i = 0; i < 60; i++) {
    const res = await b.post(
      "/auth/sign_in",
      { ...form.hidden, login: `guess${i % 25}`, password: "wrong" },
      { "x-forwarded-for": xff(i) },
    );
    codes.push(res.status);
    if (res.status === 429) expect(await res.text()).toContain("Too many login attempts. Please wait a few minutes and try again.");
  }
  return codes;
}

async function passwordGrants(xff: (i: number) => string): Promise<Response[]> {
  const out: Response[] = [];
  for (let i = 0; i < 60; i++) {
    const form = {
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: `guess${i % 25}@example.com`,
      password: "wrong",
    };
    out.push(await s.api("POST", "/oauth/token", { form, headers: { "X-Forwarded-For": xff(i) } }));
  }
  return out;
}

const expect25Then429 = (codes: number[], fail: number) => {
  expect(codes.slice(0, 25)).toEqual(new Array(25).fill(fail));
  expect(codes.slice(25)).toEqual(new Array(35).fill(429));
};

describe("the per-IP sign-in throttle cannot be dodged with X-Forwarded-For", () => {
  test("HTML sign-in: a rotating leftmost entry (the proxy appends the real address)", async () => {
    expect25Then429(await htmlSignIns((i) => `10.${i}.0.1, 203.0.113.10`), 422);
  });

  test("HTML sign-in: prepended entries, forged loopback ones and trusted hops on the right", async () => {
    expect25Then429(await htmlSignIns((i) => `198.51.100.${i}, 127.0.0.1, ::1, 203.0.113.11, 127.0.0.1`), 422);
  });

  test("password grant: a rotating leftmost entry; the 429 is the per-IP answer", async () => {
    const res = await passwordGrants((i) => `192.0.2.${i}, 203.0.113.12`);
    expect25Then429(
      res.map((r) => r.status),
      400,
    );
    expect(await res[25]!.json()).toEqual({
      error: "invalid_request",
      error_description: "Too many login attempts. Please try again later.",
    });
  });

  test("password grant: prepended entries", async () => {
    const res = await passwordGrants((i) => `${i}.${i}.${i}.${i}, 2001:db8::${i.toString(16)}, 203.0.113.13`);
    expect25Then429(
      res.map((r) => r.status),
      400,
    );
  });

  test("another real client behind the same proxy is not affected", async () => {
    const b = new Browser(s.url);
    const form = formFor(await b.page("/auth/sign_in"), "/auth/sign_in");
    const res = await b.post(
      "/auth/sign_in",
      { ...form.hidden, login: "someone", password: "wrong" },
      { "x-forwarded-for": "203.0.113.10, 203.0.113.99" },
    );
    expect(res.status).toBe(422);
  });
});

describe("sign-up IPs recorded for moderation", () => {
  test("the rightmost untrusted address is recorded, never a forged leftmost entry", async () => {
    const token = await appToken(s);
    const cases: [string, string][] = [
      ["6.6.6.6, 203.0.113.20", "203.0.113.20"],
      ["6.6.6.6, 203.0.113.21, 127.0.0.1", "203.0.113.21"],
      ["::ffff:6.6.6.6, garbage, 2001:DB8::22", "2001:db8::22"],
    ];
    for (const [i, [xff, want]] of cases.entries()) {
      const res = await s.api("POST", "/api/v1/accounts", { token, json: signUp(`proxied${i}`), headers: { "X-Forwarded-For": xff } });
      expect(res.status).toBe(200);
      const row = s.ctx.db.query("SELECT sign_up_ip FROM users WHERE email = ?").get(`proxied${i}@example.net`) as { sign_up_ip: string };
      expect(row.sign_up_ip).toBe(want);
    }
    expect(s.count("users", "sign_up_ip = '6.6.6.6'")).toBe(0);
  });
});

describe("X-Forwarded-Proto from the trusted proxy", () => {
  test("https makes the cookies Secure (PROTOCOL=http here); nothing else does", async () => {
    const setCookie = async (headers: Record<string, string>) =>
      (await fetch(`${s.url}/auth/sign_in`, { headers, redirect: "manual" })).headers.get("set-cookie") ?? "";
    expect(await setCookie({ "x-forwarded-proto": "https" })).toContain("; Secure");
    expect(await setCookie({})).not.toContain("Secure");
    expect(await setCookie({ "x-forwarded-proto": "http" })).not.toContain("Secure");
  });
});
