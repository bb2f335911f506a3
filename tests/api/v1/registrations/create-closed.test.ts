import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";
import { appToken, signUp } from "./helpers";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { REGISTRATIONS: "closed", RATE_LIMITS: "true" } });
});
afterAll(() => s.stop());

describe("POST /api/v1/accounts (closed)", () => {
  test("403 and nothing written", async () => {
    const token = await appToken(s);
    const res = await s.api("POST", "/api/v1/accounts", { token, json: signUp("closed") });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error).toBeString();
    expect(s.count("users")).toBe(0);
    expect(s.count("accounts")).toBe(0);
  });

  test("the signUp rate limit applies per IP", async () => {
    const token = await appToken(s);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await s.api("POST", "/api/v1/accounts", { token, json: signUp(`r${i}`), headers: { "X-Forwarded-For": "203.0.113.9" } })).status,
      );
    // one attempt was made in the previous test from another address; this address gets 5
    expect(codes).toEqual([403, 403, 403, 403, 403, 429]);
  });

  test("instance and nodeinfo say registrations are closed", async () => {
    const i = (await (await s.api("GET", "/api/v2/instance")).json()) as any;
    expect(i.registrations).toMatchObject({ enabled: false, approval_required: false });
    const v1 = (await (await s.api("GET", "/api/v1/instance")).json()) as any;
    expect(v1.registrations).toBe(false);
    const n = (await (await s.api("GET", "/nodeinfo/2.0")).json()) as any;
    expect(n.openRegistrations).toBe(false);
  });
});
