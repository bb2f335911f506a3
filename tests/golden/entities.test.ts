/**
 * Golden JSON for the entities clients parse most strictly: Status, Account, Notification,
 * Relationship and Instance, built through the API from the named fixtures on a frozen clock,
 * checked against the types declared in src/model/entities.ts (./shapes.ts) and compared with
 * the committed tests/golden/<entity>.json after masking what differs between runs (ids become
 * fixture names or <id:N>, the host and port become hearth.test, keys and versions are masked).
 * UPDATE_GOLDEN=1 rewrites the files (review the diff).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startTestServer, type TestServer } from "../rig";
import { FIXTURE_TIMES, fixtureId, type FixtureName } from "../rig/fixtures";
import { ACCOUNT, INSTANCE, NOTIFICATION, RELATIONSHIP, shapeErrors, STATUS, type AnyShape } from "./shapes";

let s: TestServer;
const built: Record<string, Record<string, unknown>> = {};

async function get(path: string, token?: string): Promise<any> {
  const res = await s.api("GET", path, { token });
  expect(res.status).toBe(200);
  return res.json();
}

async function post(path: string, token: string): Promise<void> {
  const res = await s.api("POST", path, { token });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  s = await startTestServer({ fixtures: true, frozen: true, runJobs: false });
  const f = s.fixtures;
  const one = f.local_account_1,
    two = f.local_account_2;
  const status1 = String(f.local_account_1_status_1.id);
  // local_account_2 follows local_account_1, favourites and boosts its post; local_account_1 pins it.
  await post(`/api/v1/accounts/${one.id}/follow`, two.token);
  await post(`/api/v1/statuses/${status1}/favourite`, two.token);
  await post(`/api/v1/statuses/${status1}/reblog`, two.token);
  await post(`/api/v1/statuses/${status1}/pin`, one.token);
  await s.drain();
  built.status = {
    public_view: await get(`/api/v1/statuses/${status1}`),
    author_view: await get(`/api/v1/statuses/${status1}`, one.token),
    unlisted_by_other: await get(`/api/v1/statuses/${f.local_account_2_status_1.id}`, one.token),
  };
  built.account = {
    local: await get(`/api/v1/accounts/${one.id}`),
    remote: await get(`/api/v1/accounts/${f.remote_account_1.id}`, two.token),
    admin: await get(`/api/v1/accounts/${f.admin_account.id}`),
  };
  built.notification = { list: await get("/api/v1/notifications", one.token) };
  built.relationship = {
    following: (await get(`/api/v1/accounts/relationships?id[]=${one.id}`, two.token))[0],
    followed_by: (await get(`/api/v1/accounts/relationships?id[]=${two.id}`, one.token))[0],
    remote: (await get(`/api/v1/accounts/relationships?id[]=${f.remote_account_2.id}`, one.token))[0],
  };
  built.instance = { v2: await get("/api/v2/instance") };
}, 30_000);

afterAll(() => s?.stop());

/** Replaces what changes between runs: the host:port, ids (by fixture name or order seen), keys, versions. */
function mask(value: unknown): unknown {
  const names = new Map<string, string>();
  for (const n of Object.keys(FIXTURE_TIMES) as FixtureName[]) names.set(String(fixtureId(n)), `<${n}>`);
  let seen = 0;
  const idName = (id: string) => {
    if (!names.has(id)) names.set(id, `<id:${++seen}>`);
    return names.get(id)!;
  };
  const str = (v: string) =>
    v
      .split(s.url)
      .join("http://hearth.test")
      .split(s.domain)
      .join("hearth.test")
      .replace(/\d{13,}/g, idName);
  const walk = (v: unknown, key = ""): unknown => {
    if (typeof v === "string") {
      if (key === "public_key" || key === "vapid_key") return "<key>";
      if (key === "version") return "<version>";
      return str(v);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value);
}

const SHAPES: Record<string, AnyShape> = {
  status: STATUS,
  account: ACCOUNT,
  notification: NOTIFICATION,
  relationship: RELATIONSHIP,
  instance: INSTANCE,
};

describe("golden entities", () => {
  for (const entity of Object.keys(SHAPES)) {
    test(`${entity}: fits the declared type and matches tests/golden/${entity}.json`, () => {
      const examples = built[entity]!;
      for (const [name, v] of Object.entries(examples)) {
        for (const one of Array.isArray(v) ? v : [v])
          expect({ name, errors: shapeErrors(one, SHAPES[entity]!) }).toEqual({ name, errors: [] });
      }
      const file = join(import.meta.dir, `${entity}.json`);
      const masked = mask(examples);
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, JSON.stringify(masked, null, 2) + "\n");
      expect(existsSync(file)).toBe(true);
      expect(masked).toEqual(JSON.parse(readFileSync(file, "utf8")));
    });
  }

  test("the fixtures sit at their fixed ids and times", () => {
    expect(s.fixtures.local_account_1.account.id).toBe(fixtureId("local_account_1"));
    expect(s.fixtures.remote_account_1.created_at).toBe(FIXTURE_TIMES.remote_account_1);
    expect(s.ctx.now()).toBe(Date.parse("2025-01-01T12:00:00.000Z"));
  });
});
