/**
 * Kept answers of GET /api/v2/notifications (src/db/views/notification-groups-cache.ts): what a
 * kept answer serves is byte for byte what building it afresh gives (body, Link header, and the
 * compressed bytes and headers the compression wrap would have sent), after each change that
 * moves it: a new notification, dismiss, clear, a sender renamed, a status edited, counted,
 * favourited by the viewer or deleted, a block, a mute, a policy change, a marker, a commit by
 * another connection, a filter and a poll running out on the clock; and the cache stays bounded.
 */
import { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeFollow, makeNotification, makeStatus, makeUsers } from "../../v1/timelines/fixtures";
import type { Params } from "../../../../src/http/params";
import { groupedNotificationsAnswer } from "../../../../src/api/v2/notifications/list";
import { linkHeader } from "../../../../src/http/pagination";
import { compressBody, type Encoding } from "../../../../src/http/compression";
import {
  cachedGroupedAnswer,
  clearGroupedAnswers,
  groupedAnswerStats,
  MAX_CHARS,
} from "../../../../src/db/views/notification-groups-cache";

let s: TestServer;
let me: TestUser, a: TestUser, b: TestUser, c: TestUser;
let mine: number, mention: number;

/** The query string of `input`. */
function qs(input: Params): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  return p.toString();
}

/** GET the grouped list as `me` (Accept-Encoding: identity unless given). */
function get(input: Params = {}, encoding = "identity"): Promise<Response> {
  const q = qs(input);
  return s.api("GET", `/api/v2/notifications${q ? `?${q}` : ""}`, { token: me.token, headers: { "Accept-Encoding": encoding } });
}

/** What building the answer afresh gives: body and Link header. */
function fresh(input: Params = {}): { json: string; link: string | null } {
  const a = groupedNotificationsAnswer(s.ctx, me.account.id, input);
  const url = new URL(`${s.ctx.uris.base}/api/v2/notifications${qs(input) ? `?${qs(input)}` : ""}`);
  return { json: a.json, link: a.link ? (linkHeader(url, s.ctx.uris.base, a.link[0], a.link[1], true) ?? null) : null };
}

/** GETs `input` until its answer is kept and served from the cache; checks each answer against a fresh build; returns the body. */
async function warm(input: Params = {}): Promise<string> {
  let body = "";
  for (let i = 0; i < 3; i++) {
    const res = await get(input);
    expect(res.status).toBe(200);
    body = await res.text();
    const f = fresh(input);
    expect(body).toBe(f.json);
    expect(res.headers.get("link")).toBe(f.link);
  }
  expect(groupedAnswerStats(s.ctx.db).answers).toBeGreaterThan(0);
  return body;
}

/** After `change`, the list (warm before it) answers what a fresh build gives; `moves`: and it differs from before. */
async function afterChange(change: () => unknown, moves = true, input: Params = {}): Promise<any> {
  const before = await warm(input);
  await change();
  await s.drain();
  const res = await get(input);
  const body = await res.text();
  const f = fresh(input);
  expect(body).toBe(f.json);
  expect(res.headers.get("link")).toBe(f.link);
  if (moves) expect(body).not.toBe(before);
  await warm(input);
  return JSON.parse(body);
}

/**
 * After the clock moves by `ms`, the kept answer (warm before) is built again: checked at once,
 * before any job due by then can run (a job's write would drop the answer by itself).
 */
async function afterTime(ms: number): Promise<any> {
  const before = await warm();
  s.clock.advance(ms);
  const got = cachedGroupedAnswer(s.ctx, me.account.id, JSON.stringify({}), () => groupedNotificationsAnswer(s.ctx, me.account.id, {}));
  expect(got.json).toBe(fresh().json);
  expect(got.json).not.toBe(before);
  await s.drain();
  return JSON.parse(got.json);
}

beforeAll(async () => {
  s = await startTestServer({ frozen: true });
  me = await s.createUser("ncme");
  [a, b, c] = await makeUsers(s, "nca", "ncb", "ncc");
  const id = (u: TestUser) => u.account.id;
  mine = makeStatus(s.ctx, id(me), { text: "my post" }).id;
  for (const u of [a, b]) makeNotification(s.ctx, id(me), id(u), "favourite", mine);
  makeNotification(s.ctx, id(me), id(c), "follow");
  const res = await s.api("POST", "/api/v1/statuses", { token: a.token, json: { status: "@ncme the finale tonight" } });
  mention = Number((await res.json()).id);
  await s.drain();
}, 30_000);
afterAll(() => s.stop());

describe("a kept answer is what a fresh build gives", () => {
  test("warm: answers come from the cache, the same bytes and Link", async () => {
    clearGroupedAnswers(s.ctx.db);
    await warm();
    await warm({ limit: "1" });
    await warm({ expand_accounts: "partial_avatars" });
    expect(groupedAnswerStats(s.ctx.db).answers).toBe(3);
  });

  test("after a write the first answer built is kept (the other caches tidy up before it is built)", async () => {
    await warm();
    s.ctx.db.query("UPDATE statuses SET content = content WHERE id = ?").run(mine);
    s.ctx.db.query("UPDATE accounts SET note = note WHERE id = ?").run(a.account.id);
    let builds = 0;
    const build = () => (builds++, groupedNotificationsAnswer(s.ctx, me.account.id, {}));
    const first = cachedGroupedAnswer(s.ctx, me.account.id, JSON.stringify({}), build);
    expect(cachedGroupedAnswer(s.ctx, me.account.id, JSON.stringify({}), build)).toBe(first);
    expect(builds).toBe(1);
    expect(first.json).toBe(fresh().json);
  });

  test("a new notification", async () => {
    const body = await afterChange(() => s.api("POST", `/api/v1/statuses/${mine}/favourite`, { token: c.token }));
    expect(body.notification_groups.find((g: any) => g.type === "favourite").notifications_count).toBe(3);
  });

  test("a sender renamed", async () => {
    const body = await afterChange(() =>
      s.api("PATCH", "/api/v1/accounts/update_credentials", { token: b.token, json: { display_name: "Bee" } }),
    );
    expect(body.accounts.find((x: any) => x.id === b.id).display_name).toBe("Bee");
  });

  test("a status edited, counted by someone else, favourited by the viewer", async () => {
    const edited = await afterChange(() =>
      s.api("PUT", `/api/v1/statuses/${mention}`, { token: a.token, json: { status: "@ncme the finale moved" } }),
    );
    expect(edited.statuses.find((x: any) => x.id === String(mention)).content).toContain("moved");
    const counted = await afterChange(() => s.api("POST", `/api/v1/statuses/${mention}/favourite`, { token: b.token }));
    expect(counted.statuses.find((x: any) => x.id === String(mention)).favourites_count).toBe(1);
    const mark = await afterChange(() => s.api("POST", `/api/v1/statuses/${mention}/bookmark`, { token: me.token }));
    expect(mark.statuses.find((x: any) => x.id === String(mention)).bookmarked).toBe(true);
  });

  test("a keyword filter added, then running out on the clock", async () => {
    const filtered = await afterChange(() =>
      s.api("POST", "/api/v2/filters", {
        token: me.token,
        json: { title: "Spoilers", context: ["notifications"], expires_in: 3600, keywords_attributes: [{ keyword: "finale" }] },
      }),
    );
    expect(filtered.statuses.find((x: any) => x.id === String(mention)).filtered.length).toBe(1);
    const lapsed = await afterTime(3601_000);
    expect(lapsed.statuses.find((x: any) => x.id === String(mention)).filtered).toEqual([]);
  });

  test("a poll running out on the clock", async () => {
    const res = await s.api("POST", "/api/v1/statuses", {
      token: b.token,
      json: { status: "@ncme pick one", poll: { options: ["x", "y"], expires_in: 600 } },
    });
    const poll = Number((await res.json()).id);
    await s.drain();
    const open = await warm();
    expect(JSON.parse(open).statuses.find((x: any) => x.id === String(poll)).poll.expired).toBe(false);
    const closed = await afterTime(601_000);
    expect(closed.statuses.find((x: any) => x.id === String(poll)).poll.expired).toBe(true);
  });

  test("a commit by another connection", async () => {
    const body = await afterChange(() => {
      const other = new Database(join(s.dataDir, "hearth.sqlite"));
      try {
        other.exec("PRAGMA busy_timeout = 5000");
        other.query("UPDATE accounts SET display_name = 'Sea' WHERE id = ?").run(c.account.id);
      } finally {
        other.close();
      }
    });
    expect(body.accounts.find((x: any) => x.id === c.id).display_name).toBe("Sea");
  });

  test("a mute, a policy change and a marker (the list may stay as it was)", async () => {
    await afterChange(() => s.api("POST", `/api/v1/accounts/${a.id}/mute`, { token: me.token }), false);
    await afterChange(
      () => s.api("PATCH", "/api/v2/notifications/policy", { token: me.token, json: { for_not_following: "filter" } }),
      false,
    );
    await afterChange(
      () => s.api("POST", "/api/v1/markers", { token: me.token, json: { notifications: { last_read_id: String(mention) } } }),
      false,
    );
  });

  test("a block hides the sender", async () => {
    const body = await afterChange(() => s.api("POST", `/api/v1/accounts/${c.id}/block`, { token: me.token }));
    expect(body.accounts.some((x: any) => x.id === c.id)).toBe(false);
  });

  test("a status deleted", async () => {
    const body = await afterChange(() => s.api("DELETE", `/api/v1/statuses/${mention}`, { token: a.token }));
    expect(body.statuses.some((x: any) => x.id === String(mention))).toBe(false);
  });

  test("a group dismissed, then everything cleared", async () => {
    const list = JSON.parse(await warm());
    const key = list.notification_groups[0].group_key;
    const body = await afterChange(() => s.api("POST", `/api/v2/notifications/${encodeURIComponent(key)}/dismiss`, { token: me.token }));
    expect(body.notification_groups.some((g: any) => g.group_key === key)).toBe(false);
    const empty = await afterChange(() => s.api("POST", "/api/v2/notifications/clear", { token: me.token }));
    expect(empty.notification_groups).toEqual([]);
  });
});

test("a kept answer goes compressed with the bytes and headers the compression wrap gives", async () => {
  // (After the clear above, and with the policy filtering strangers: from someone followed.)
  const [d] = await makeUsers(s, "ncd");
  makeFollow(s.ctx, me.account.id, d.account.id);
  makeNotification(s.ctx, me.account.id, d.account.id, "favourite", mine);
  makeNotification(
    s.ctx,
    me.account.id,
    d.account.id,
    "mention",
    makeStatus(s.ctx, d.account.id, { text: "@ncme hi", mentions: [me.account.id] }).id,
  );
  for (const coding of ["zstd", "br", "gzip"] as Encoding[]) {
    const accept = coding === "zstd" ? "gzip, deflate, br, zstd" : coding;
    const raw = async () => {
      const res = await fetch(`${s.url}/api/v2/notifications`, {
        headers: { Authorization: `Bearer ${me.token}`, "Accept-Encoding": accept },
        decompress: false,
      } as RequestInit);
      const h: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        if (k !== "date") h[k] = v;
      });
      return { h, body: new Uint8Array(await res.arrayBuffer()) };
    };
    // Inside a transaction nothing is kept: the answer goes as JSON text, compressed by the wrap.
    clearGroupedAnswers(s.ctx.db);
    s.ctx.db.exec("BEGIN");
    const wrapped = await raw();
    s.ctx.db.exec("COMMIT");
    expect(groupedAnswerStats(s.ctx.db).answers).toBe(0);
    const first = await raw(); // built, kept, compressed by the route
    const kept = await raw(); // its kept compressed body
    expect(groupedAnswerStats(s.ctx.db).answers).toBe(1);
    expect(wrapped.h["content-encoding"]).toBe(coding);
    for (const r of [first, kept]) {
      expect(r.h).toEqual(wrapped.h);
      expect(r.body).toEqual(wrapped.body);
    }
    const plain = new TextEncoder().encode(fresh().json) as Uint8Array<ArrayBuffer>;
    expect(kept.body).toEqual(await compressBody(plain, coding));
  }
});

test("inside a transaction nothing is kept or used", () => {
  const viewer = me.account.id;
  let built = 0;
  const build = () => ({ json: `{"n":${++built}}`, link: null });
  s.ctx.db.transaction(() => {
    cachedGroupedAnswer(s.ctx, viewer, "tx", build);
    expect(cachedGroupedAnswer(s.ctx, viewer, "tx", build).json).toBe('{"n":2}');
  })();
  expect(cachedGroupedAnswer(s.ctx, viewer, "tx", build).json).toBe('{"n":3}');
  expect(cachedGroupedAnswer(s.ctx, viewer, "tx", build).json).toBe('{"n":3}');
});

test("bounded: a few answers per viewer, MAX_CHARS of text in all, least recently used out first", () => {
  clearGroupedAnswers(s.ctx.db);
  const text = "x".repeat(MAX_CHARS / 10);
  for (let q = 0; q < 6; q++) cachedGroupedAnswer(s.ctx, 1, `q${q}`, () => ({ json: text, link: null }));
  expect(groupedAnswerStats(s.ctx.db).answers).toBe(4);
  for (let v = 2; v < 40; v++) cachedGroupedAnswer(s.ctx, v, "q", () => ({ json: text, link: null }));
  const st = groupedAnswerStats(s.ctx.db);
  expect(st.chars).toBeLessThanOrEqual(MAX_CHARS);
  expect(st.answers).toBe(10);
  // The newest viewers stay; viewer 1's answers went first.
  let rebuilt = false;
  cachedGroupedAnswer(s.ctx, 39, "q", () => ((rebuilt = true), { json: text, link: null }));
  expect(rebuilt).toBe(false);
  cachedGroupedAnswer(s.ctx, 1, "q5", () => ((rebuilt = true), { json: text, link: null }));
  expect(rebuilt).toBe(true);
  clearGroupedAnswers(s.ctx.db);
  expect(groupedAnswerStats(s.ctx.db)).toEqual({ answers: 0, viewers: 0, chars: 0 });
});
