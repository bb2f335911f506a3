/**
 * With TRUSTED_PROXY_IP naming some other machine, the tests' own connections (from 127.0.0.1)
 * come from an untrusted peer: X-Forwarded-For and X-Forwarded-Proto are ignored entirely and the
 * socket address is the client, for the sign-in throttles and for recorded sign-up IPs alike.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { registerApp } from "../api/oauth/browser";
import { appToken, signUp } from "../api/v1/registrations/helpers";
import { Browser, formFor } from "../web-pages/security/helpers";

let s: TestServer;
let app: { client_id: string; client_secret: string };
beforeAll(async () => {
  s = await startTestServer({ env: { RATE_LIMITS: "true", TRUSTED_PROXY_IP: "192.0.2.1, 10.0.0.0/8 fd00::/8" } });
  app = await registerApp(s.url, { client_name: "Untrusted", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
  for (let i = 0; i < 25; i++) await s.createUser(`guess${i}`);
});
afterAll(() => s.stop());

describe("an untrusted peer's X-Forwarded-For is ignored", () => {
  test("sign-up records the socket address, not any forwarded entry", async () => {
    const token = await appToken(s);
    const res = await s.api("POST", "/api/v1/accounts", {
      token,
      json: signUp("direct"),
      headers: { "X-Forwarded-For": "203.0.113.30, 10.0.0.1", "X-Real-IP": "203.0.113.31" },
    });
    expect(res.status).toBe(200);
    const row = s.ctx.db.query("SELECT sign_up_ip FROM users WHERE email = ?").get("direct@example.net") as { sign_up_ip: string };
    expect(row.sign_up_ip).toBe("127.0.0.1");
  });

  test("HTML sign-in and password grants share the socket address's limit, whatever X-Forwarded-For says", async () => {
    const b = new Browser(s.url);
    const form = formFor(await b.page("/auth/sign_in"), "/auth/sign_in");
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const xff = { "x-forwarded-for": `203.0.113.${i}` };
      if (i % 2) codes.push((await b.post("/auth/sign_in", { ...form.hidden, login: `guess${i % 25}`, password: "wrong" }, xff)).status);
      else {
        const grant = { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: `guess${i % 25}` };
        codes.push((await s.api("POST", "/oauth/token", { form: { ...grant, password: "wrong" }, headers: xff })).status);
      }
    }
    expect(codes.slice(0, 25).every((c) => c === 400 || c === 422)).toBe(true);
    expect(codes.slice(25)).toEqual([429, 429, 429, 429, 429]);
  });

  test("X-Forwarded-Proto: https from it does not make cookies Secure", async () => {
    const res = await fetch(`${s.url}/auth/sign_in`, { headers: { "x-forwarded-proto": "https" }, redirect: "manual" });
    expect(res.headers.get("set-cookie")).toContain("_hearth_csrf=");
    expect(res.headers.get("set-cookie")).not.toContain("Secure");
  });
});
