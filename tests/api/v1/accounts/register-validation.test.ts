/**
 * POST /api/v1/accounts with bad input: one 422 listing every failing field with Mastodon's
 * ERR_* code and description (ValidationErrorFormatter), the error string made of Rails'
 * full messages with Mastodon's attribute names, and no other keys.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";
import { appToken, signUp } from "../registrations/helpers";

let s: TestServer;
let token: string;

beforeAll(async () => {
  s = await startTestServer({ env: { REGISTRATIONS: "open" } });
  await s.createUser("alice");
  token = await appToken(s);
});
afterAll(() => s.stop());

async function post(json: unknown): Promise<{ status: number; body: any }> {
  const res = await s.api("POST", "/api/v1/accounts", { token, json });
  return { status: res.status, body: await res.json() };
}

const e = (error: string, description: string) => [{ error, description }];

test("every failing field is listed at once, with its code, and nothing else", async () => {
  const before = [s.count("accounts"), s.count("users")];
  const r = await post({ username: "alice", email: "not-an-email", password: "short", agreement: false, locale: "<x>" });
  expect(r.status).toBe(422);
  expect(Object.keys(r.body).sort()).toEqual(["details", "error"]);
  expect(r.body.details).toEqual({
    email: e("ERR_INVALID", "is invalid"),
    username: e("ERR_TAKEN", "has already been taken"),
    password: e("ERR_TOO_SHORT", "is too short (minimum is 8 characters)"),
    agreement: e("ERR_ACCEPTED", "must be accepted"),
    locale: e("ERR_INCLUSION", "is not included in the list"),
  });
  expect(r.body.error).toBe(
    "Validation failed: E-mail address is invalid, Username has already been taken, Password is too short (minimum is 8 characters), Service agreement must be accepted, Locale is not included in the list",
  );
  expect([s.count("accounts"), s.count("users")]).toEqual(before);
});

test("blank fields, format, length, reserved and taken e-mail, all reported together", async () => {
  const blank = await post({});
  expect(blank.status).toBe(422);
  expect(blank.body.details).toEqual({
    email: e("ERR_BLANK", "can't be blank"),
    username: e("ERR_BLANK", "can't be blank"),
    password: e("ERR_BLANK", "can't be blank"),
    agreement: e("ERR_ACCEPTED", "must be accepted"),
  });

  const r = await post({ username: "bad name!", email: "ALICE@example.com", password: "x".repeat(73), agreement: "true" });
  expect(r.status).toBe(422);
  expect(Object.keys(r.body).sort()).toEqual(["details", "error"]);
  expect(r.body.details).toEqual({
    email: e("ERR_TAKEN", "has already been taken"),
    username: e("ERR_INVALID", "must contain only letters, numbers and underscores"),
    password: e("ERR_TOO_LONG", "is too long (maximum is 72 characters)"),
  });

  const reserved = await post(signUp("admin"));
  expect(reserved.body.details).toEqual({ username: e("ERR_RESERVED", "is reserved") });
  const long = await post(signUp("x".repeat(31)));
  expect(long.body.details).toEqual({ username: e("ERR_TOO_LONG", "is too long (maximum is 30 characters)") });
});

test("an address on a single-label domain is accepted, as Mastodon's EmailAddressValidator does", async () => {
  const r = await post(signUp("localdev", { email: "localdev@localhost" }));
  expect(r.status).toBe(200);
  for (const bad of ["a@b@c", "a b@c", "@c", "a@", "<a@b>", "a@b,c"]) {
    const x = await post(signUp("zz", { email: bad }));
    expect({ bad, details: x.body.details }).toEqual({ bad, details: { email: e("ERR_INVALID", "is invalid") } });
  }
});
