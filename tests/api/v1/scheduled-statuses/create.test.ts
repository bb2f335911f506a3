/** POST /api/v1/statuses with scheduled_at: the ScheduledStatus answer, its params, and bad input. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../../rig";
import { addMedia } from "../statuses/helpers";
import { clockedServer, inFuture, MIN } from "./helpers";

let s: TestServer;
let clock: { now: number };
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  ({ s, clock } = await clockedServer());
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
});
afterAll(() => s.stop());

describe("scheduling a status", () => {
  test("a time at least 5 minutes ahead stores a ScheduledStatus and posts nothing", async () => {
    const statuses = s.count("statuses");
    const parent = await bob.client.v1.statuses.create({ status: "parent" });
    const when = inFuture(clock, 60 * MIN);
    const sch = await alice.client.v1.statuses.create({
      status: "later",
      spoilerText: "cw",
      sensitive: true,
      visibility: "unlisted",
      language: "de",
      inReplyToId: parent.id,
      scheduledAt: when,
    });
    expect(sch.id).toMatch(/^\d+$/);
    expect(sch.scheduledAt).toBe(when);
    expect(sch.mediaAttachments).toEqual([]);
    const raw = await (await s.api("GET", `/api/v1/scheduled_statuses/${sch.id}`, { token: alice.token })).json();
    expect(raw).toEqual({
      id: sch.id,
      scheduled_at: when,
      media_attachments: [],
      params: {
        text: "later",
        poll: null,
        media_ids: null,
        sensitive: true,
        spoiler_text: "cw",
        visibility: "unlisted",
        in_reply_to_id: parent.id,
        language: "de",
        application_id: expect.stringMatching(/^\d+$/),
        scheduled_at: null,
        idempotency: null,
        with_rate_limit: false,
      },
    });
    expect(s.count("statuses")).toBe(statuses + 1);
    expect(s.count("jobs", "kind = 'scheduled_status.publish' AND run_at = ?", Date.parse(when))).toBe(1);
  });

  test("exactly 5 minutes ahead is accepted; dates without a zone are UTC; other zones are converted", async () => {
    expect((await alice.client.v1.statuses.create({ status: "edge", scheduledAt: inFuture(clock, 5 * MIN) })).scheduledAt).toBe(
      inFuture(clock, 5 * MIN),
    );
    const r = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      form: { status: "form", scheduled_at: "2031-05-07T12:30:00" },
    });
    expect(r.status).toBe(200);
    expect((await r.json()).scheduled_at).toBe("2031-05-07T12:30:00.000Z");
    const z = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      json: { status: "zoned", scheduled_at: "2031-05-07T14:30:00+02:00" },
    });
    expect((await z.json()).scheduled_at).toBe("2031-05-07T12:30:00.000Z");
    const d = await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "day", scheduled_at: "2031-05-08" } });
    expect((await d.json()).scheduled_at).toBe("2031-05-08T00:00:00.000Z");
  });

  test("a time already past posts at once, as Mastodon does", async () => {
    const st = (await alice.client.v1.statuses.create({ status: "past", scheduledAt: new Date(clock.now - MIN).toISOString() })) as any;
    expect(st.content).toBe("<p>past</p>");
    expect(s.count("statuses", "id = ?", Number(st.id))).toBe(1);
  });

  test("media are attached to the scheduled status and listed with it, in order", async () => {
    const [m1, m2] = [addMedia(s, alice.account.id), addMedia(s, alice.account.id)];
    const sch = await alice.client.v1.statuses.create({ mediaIds: [m2, m1], scheduledAt: inFuture(clock, 30 * MIN) });
    expect(sch.params.mediaIds).toEqual([m2, m1]);
    expect(sch.mediaAttachments.map((m) => m.id)).toEqual([m2, m1]);
    expect(s.count("media_attachments", "scheduled_status_id = ? AND status_id IS NULL", Number(sch.id))).toBe(2);
    // the same upload cannot go to a second scheduled status
    const again = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      json: { status: "x", media_ids: [m1], scheduled_at: inFuture(clock, 40 * MIN) },
    });
    expect(again.status).toBe(422);
  });

  test("a poll is kept in params", async () => {
    const r = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      json: {
        status: "vote later",
        poll: { options: [" a ", "b"], expires_in: "3600", multiple: true },
        scheduled_at: inFuture(clock, 30 * MIN),
      },
    });
    expect(r.status).toBe(200);
    expect((await r.json()).params.poll).toEqual({ options: ["a", "b"], expires_in: 3600, multiple: true, hide_totals: false });
    expect(s.count("polls", "account_id = ?", alice.account.id)).toBe(0);
  });

  test("an Idempotency-Key returns the same scheduled status", async () => {
    const body = { status: "once", scheduled_at: inFuture(clock, 90 * MIN) };
    const headers = { "Idempotency-Key": "k-1" };
    const a = await (await s.api("POST", "/api/v1/statuses", { token: alice.token, json: body, headers })).json();
    const b = await (await s.api("POST", "/api/v1/statuses", { token: alice.token, json: body, headers })).json();
    expect(b.id).toBe(a.id);
    expect(s.count("scheduled_statuses", "params LIKE '%\"once\"%'")).toBe(1);
  });
});

describe("scheduling: bad input writes nothing", () => {
  const bad = async (body: Record<string, unknown>, code: number, opts: { token?: string | null; error?: string } = {}) => {
    const counts = [
      s.count("scheduled_statuses"),
      s.count("statuses"),
      s.count("jobs"),
      s.count("media_attachments", "scheduled_status_id IS NOT NULL"),
    ];
    const r = await s.api("POST", "/api/v1/statuses", { token: opts.token === null ? undefined : (opts.token ?? alice.token), json: body });
    const j = await r.json();
    expect(r.status).toBe(code);
    if (opts.error) expect(j.error).toBe(opts.error);
    expect([
      s.count("scheduled_statuses"),
      s.count("statuses"),
      s.count("jobs"),
      s.count("media_attachments", "scheduled_status_id IS NOT NULL"),
    ]).toEqual(counts);
    return j;
  };

  test("too soon, bad dates and wrong types", async () => {
    const soon = "Validation failed: Scheduled at The scheduled date must be in the future";
    await bad({ status: "x", scheduled_at: inFuture(clock, 4 * MIN) }, 422, { error: soon });
    await bad({ status: "x", scheduled_at: inFuture(clock, 5 * MIN - 1) }, 422, { error: soon });
    for (const d of ["tomorrow", "2031-13-01T00:00:00Z", "2031-02-30", "2031-05-07T25:00:00Z", "12345"]) {
      await bad({ status: "x", scheduled_at: d }, 422, { error: "Validation failed: Scheduled at is invalid" });
    }
    await bad({ status: "x", scheduled_at: { a: 1 } }, 422);
    await bad({ status: "x", scheduled_at: ["2031-06-01"] }, 422);
  });

  test("the post itself must be valid: text, visibility, poll, media, reply target", async () => {
    const at = inFuture(clock, 20 * MIN);
    await bad({ scheduled_at: at }, 422, { error: "Validation failed: Text can't be blank" });
    await bad({ status: "x".repeat(501), scheduled_at: at }, 422);
    await bad({ status: "x", visibility: "bogus", scheduled_at: at }, 422);
    await bad({ status: "x", poll: { options: ["one"], expires_in: 300 }, scheduled_at: at }, 422);
    await bad({ status: "x", media_ids: ["12345"], scheduled_at: at }, 422);
    await bad({ status: "x", media_ids: [addMedia(s, bob.account.id)], scheduled_at: at }, 422);
    await bad(
      { status: "x", media_ids: [addMedia(s, alice.account.id)], poll: { options: ["a", "b"], expires_in: 300 }, scheduled_at: at },
      422,
    );
    await bad({ status: "x", in_reply_to_id: "999", scheduled_at: at }, 404);
    const dm = await bob.client.v1.statuses.create({ status: "secret", visibility: "direct" });
    await bad({ status: "x", in_reply_to_id: dm.id, scheduled_at: at }, 404);
  });

  test("at most 25 for one day and 300 in all", async () => {
    const carol = await s.createUser("carol");
    const day = Date.UTC(2031, 5, 1);
    const insert = s.ctx.db.query(
      "INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, created_at) VALUES (?, ?, ?, '{}', ?)",
    );
    for (let i = 0; i < 25; i++) insert.run(s.ctx.ids.next(), carol.account.id, day + i * MIN, clock.now);
    await bad({ status: "x", scheduled_at: new Date(day + 23 * 3600 * 1000).toISOString() }, 422, {
      token: carol.token,
      error: "Validation failed: You have exceeded the limit of 25 scheduled posts for today",
    });
    const nextDay = await s.api("POST", "/api/v1/statuses", {
      token: carol.token,
      json: { status: "x", scheduled_at: new Date(day + 24 * 3600 * 1000).toISOString() },
    });
    expect(nextDay.status).toBe(200);
    for (let i = 26; i < 300; i++)
      insert.run(s.ctx.ids.next(), carol.account.id, day + (i % 100) * 86_400_000 + 2 * 86_400_000 + i, clock.now);
    expect(s.count("scheduled_statuses", "account_id = ?", carol.account.id)).toBe(300);
    await bad({ status: "x", scheduled_at: "2032-12-01T00:00:00Z" }, 422, {
      token: carol.token,
      error: "Validation failed: You have exceeded the limit of 300 scheduled posts",
    });
  });

  test("read-only token 403, no token 401", async () => {
    const at = inFuture(clock, 20 * MIN);
    await bad({ status: "x", scheduled_at: at }, 403, { token: s.token(alice.user.id, ["read"]) });
    await bad({ status: "x", scheduled_at: at }, 401, { token: null });
  });
});
