/** GET/PUT/DELETE /api/v1/scheduled_statuses: listing with Link paging, show, reschedule, cancel; others' ids and scopes. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { mastodon } from "masto";
import type { TestServer, TestUser } from "../../../rig";
import { addMedia } from "../statuses/helpers";
import { clockedServer, inFuture, MIN } from "./helpers";

let s: TestServer;
let clock: { now: number };
let alice: TestUser, bob: TestUser;
const mine: mastodon.v1.ScheduledStatus[] = [];

beforeAll(async () => {
  ({ s, clock } = await clockedServer());
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
  for (let i = 1; i <= 5; i++)
    mine.push(await alice.client.v1.statuses.create({ status: `post ${i}`, scheduledAt: inFuture(clock, (10 + i) * MIN) }));
  await bob.client.v1.statuses.create({ status: "bob's", scheduledAt: inFuture(clock, 10 * MIN) });
});
afterAll(() => s.stop());

describe("listing and showing", () => {
  test("lists only the caller's, newest first, Link-paginated", async () => {
    const all = await alice.client.v1.scheduledStatuses.list();
    expect(all.map((x) => x.params.text)).toEqual(["post 5", "post 4", "post 3", "post 2", "post 1"]);
    const r = await s.api("GET", "/api/v1/scheduled_statuses?limit=2", { token: alice.token });
    const link = r.headers.get("link")!;
    expect((await r.json()).map((x: any) => x.id)).toEqual([mine[4]!.id, mine[3]!.id]);
    expect(link).toContain(`max_id=${mine[3]!.id}`);
    expect(link).toContain(`min_id=${mine[4]!.id}`);
    const pages: string[][] = [];
    for await (const page of alice.client.v1.scheduledStatuses.list({ limit: 2 }))
      if (page.length) pages.push(page.map((x) => x.params.text));
    expect(pages).toEqual([["post 5", "post 4"], ["post 3", "post 2"], ["post 1"]]);
    const newer = await (await s.api("GET", `/api/v1/scheduled_statuses?min_id=${mine[2]!.id}`, { token: alice.token })).json();
    expect(newer.map((x: any) => x.params.text)).toEqual(["post 5", "post 4"]);
  });

  test("shows one; another user's or an unknown id is 404", async () => {
    expect((await alice.client.v1.scheduledStatuses.$select(mine[0]!.id).fetch()).params.text).toBe("post 1");
    for (const id of [mine[0]!.id, "999", "abc"]) {
      const r = await s.api("GET", `/api/v1/scheduled_statuses/${id}`, { token: bob.token });
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ error: "Record not found" });
    }
  });

  test("scopes: read:statuses to read; no token 401", async () => {
    expect((await s.api("GET", "/api/v1/scheduled_statuses", { token: s.token(alice.user.id, ["read:statuses"]) })).status).toBe(200);
    expect((await s.api("GET", "/api/v1/scheduled_statuses", { token: s.token(alice.user.id, ["write"]) })).status).toBe(403);
    expect(
      (await s.api("GET", `/api/v1/scheduled_statuses/${mine[0]!.id}`, { token: s.token(alice.user.id, ["read:accounts"]) })).status,
    ).toBe(403);
    expect((await s.api("GET", "/api/v1/scheduled_statuses")).status).toBe(401);
  });
});

describe("rescheduling", () => {
  test("moves the time and queues a job for it", async () => {
    const when = inFuture(clock, 3 * 60 * MIN);
    const moved = await alice.client.v1.scheduledStatuses.$select(mine[1]!.id).update({ scheduledAt: when });
    expect(moved.scheduledAt).toBe(when);
    expect(moved.params.text).toBe("post 2");
    expect(s.count("scheduled_statuses", "id = ? AND scheduled_at = ?", Number(mine[1]!.id), Date.parse(when))).toBe(1);
    expect(s.count("jobs", "kind = 'scheduled_status.publish' AND run_at = ?", Date.parse(when))).toBe(1);
  });

  test("bad input changes nothing: too soon, bad date, others' ids, scopes, no token", async () => {
    const id = mine[2]!.id;
    const before = s.ctx.db.query("SELECT scheduled_at FROM scheduled_statuses WHERE id = ?").get(Number(id));
    const jobs = s.count("jobs");
    const put = (json: unknown, token?: string, target = id) => s.api("PUT", `/api/v1/scheduled_statuses/${target}`, { token, json });
    const soon = await put({ scheduled_at: inFuture(clock, 2 * MIN) }, alice.token);
    expect(soon.status).toBe(422);
    expect((await soon.json()).error).toBe("Validation failed: Scheduled at The scheduled date must be in the future");
    expect((await put({ scheduled_at: "someday" }, alice.token)).status).toBe(422);
    expect((await put({ scheduled_at: inFuture(clock, -60 * MIN) }, alice.token)).status).toBe(422);
    expect((await put({ scheduled_at: { x: 1 } }, alice.token)).status).toBe(422);
    expect((await put({ scheduled_at: inFuture(clock, 60 * MIN) }, bob.token)).status).toBe(404);
    expect((await put({ scheduled_at: inFuture(clock, 60 * MIN) }, alice.token, "12345")).status).toBe(404);
    expect((await put({ scheduled_at: inFuture(clock, 60 * MIN) }, s.token(alice.user.id, ["read"]))).status).toBe(403);
    expect((await put({ scheduled_at: inFuture(clock, 60 * MIN) })).status).toBe(401);
    expect(s.ctx.db.query("SELECT scheduled_at FROM scheduled_statuses WHERE id = ?").get(Number(id))).toEqual(before);
    expect(s.count("jobs")).toBe(jobs);
  });

  test("the daily limit applies to the new day, not counting the status itself", async () => {
    const dan = await s.createUser("dan");
    const day = Date.UTC(2031, 6, 1);
    const insert = s.ctx.db.query(
      "INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, created_at) VALUES (?, ?, ?, '{}', ?)",
    );
    for (let i = 0; i < 24; i++) insert.run(s.ctx.ids.next(), dan.account.id, day + i * MIN, clock.now);
    const own = await dan.client.v1.statuses.create({ status: "mine", scheduledAt: new Date(day + 60 * MIN).toISOString() });
    // 25 on that day including itself: moving within the day is fine
    expect(
      (await dan.client.v1.scheduledStatuses.$select(own.id).update({ scheduledAt: new Date(day + 120 * MIN).toISOString() })).scheduledAt,
    ).toBe(new Date(day + 120 * MIN).toISOString());
    const other = await dan.client.v1.statuses.create({ status: "other", scheduledAt: new Date(day + 86_400_000).toISOString() });
    const r = await s.api("PUT", `/api/v1/scheduled_statuses/${other.id}`, {
      token: dan.token,
      json: { scheduled_at: new Date(day + 5 * MIN).toISOString() },
    });
    expect(r.status).toBe(422);
    expect((await r.json()).error).toBe("Validation failed: You have exceeded the limit of 25 scheduled posts for today");
  });
});

describe("cancelling", () => {
  test("deletes it, answers {}, and frees its media", async () => {
    const m = addMedia(s, alice.account.id);
    const sch = await alice.client.v1.statuses.create({ status: "with media", mediaIds: [m], scheduledAt: inFuture(clock, 30 * MIN) });
    const others = [s.token(alice.user.id, ["read"]), bob.token];
    for (const token of others)
      expect((await s.api("DELETE", `/api/v1/scheduled_statuses/${sch.id}`, { token })).status).toBe(token === bob.token ? 404 : 403);
    expect((await s.api("DELETE", `/api/v1/scheduled_statuses/${sch.id}`)).status).toBe(401);
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(1);
    const r = await s.api("DELETE", `/api/v1/scheduled_statuses/${sch.id}`, { token: alice.token });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({});
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(0);
    expect(s.count("media_attachments", "id = ? AND scheduled_status_id IS NULL AND status_id IS NULL", Number(m))).toBe(1);
    expect((await s.api("DELETE", `/api/v1/scheduled_statuses/${sch.id}`, { token: alice.token })).status).toBe(404);
    await alice.client.v1.scheduledStatuses.$select(mine[4]!.id).remove();
    expect((await alice.client.v1.scheduledStatuses.list()).map((x) => x.id)).not.toContain(mine[4]!.id);
  });
});
