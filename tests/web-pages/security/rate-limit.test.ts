/** With RATE_LIMITS on, the two-factor code step counts toward the per-IP "login" limit (25 per 5 minutes). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { beginTwoFactorSetup, confirmTwoFactorSetup } from "../../../src/services/security/two-factor";
import { Browser, formFor, stepOf, totp } from "./helpers";

let s: TestServer;
let erin: TestUser;
let secret = "";

beforeAll(async () => {
  s = await startTestServer({ env: { RATE_LIMITS: "true" } });
  erin = await s.createUser("erin");
  secret = beginTwoFactorSetup(s.ctx, erin.user.id);
  confirmTwoFactorSetup(s.ctx, erin.user.id, totp(secret, stepOf(Date.now()) - 1));
});
afterAll(() => s.stop());

test("password and code steps share the login limit; a correct code is refused once it is used up", async () => {
  const b = new Browser(s.url);
  const ip = { "x-forwarded-for": "203.0.113.9" };
  const login = formFor(await b.page("/auth/sign_in"), "/auth/sign_in");
  let otp = login;
  for (let i = 0; i < 25; i++) {
    const res = await b.post("/auth/sign_in", { ...login.hidden, login: "erin", password: erin.password }, ip);
    expect(res.status).toBe(200);
    otp = formFor(await res.text(), "/auth/sign_in");
  }
  const res = await b.post("/auth/sign_in", { ...otp.hidden, otp_attempt: totp(secret, stepOf(Date.now()) + 1) }, ip);
  expect(res.status).toBe(429);
  expect(await res.text()).toContain("Too many login attempts");
  expect(b.cookies.has("_hearth_session")).toBe(false);
  // Another address is not affected.
  const other = await b.post(
    "/auth/sign_in",
    { ...otp.hidden, otp_attempt: totp(secret, stepOf(Date.now()) + 1) },
    { "x-forwarded-for": "203.0.113.10" },
  );
  expect(other.status).toBe(303);
});
