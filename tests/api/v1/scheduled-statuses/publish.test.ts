/**
 * Publishing scheduled statuses through the jobs table: posted once when due with their params,
 * media and poll; rescheduled, cancelled and refused ones are not posted (twice).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../../rig";
import { removeUnattachedMedia } from "../../../../src/services/media/cleanup";
import { addFollow, addMedia } from "../statuses/helpers";
import { clockedServer, inFuture, MIN } from "./helpers";

let s: TestServer;
let clock: { now: number };
let alice: TestUser, bob: TestUser;
const HOUR = 60 * MIN;

beforeAll(async () => {
  ({ s, clock } = await clockedServer());
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
  addFollow(s, bob.account.id, alice.account.id);
});
afterAll(() => s.stop());

/** Statuses of alice whose text is `text`. */
const posted = (text: string) => s.count("statuses", "account_id = ? AND text = ?", alice.account.id, text);
/** Moves the clock to `ms` and runs what is due. */
async function at(ms: number): Promise<void> {
  clock.now = ms;
  await s.drain();
}

describe("publishing when due", () => {
  test("nothing before the time; at the time the status is posted with its params and the row is gone", async () => {
    const parent = await bob.client.v1.statuses.create({ status: "question" });
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({
      status: "answer @bob",
      spoilerText: "spoiler",
      visibility: "unlisted",
      language: "fr",
      inReplyToId: parent.id,
      scheduledAt: inFuture(clock, 10 * MIN),
    });
    await at(start + 10 * MIN - 1);
    expect(posted("answer @bob")).toBe(0);
    await at(start + 10 * MIN);
    expect(posted("answer @bob")).toBe(1);
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(0);
    const [st] = await alice.client.v1.accounts.$select(alice.id).statuses.list({ limit: 1 });
    expect(st!.content).toContain("answer");
    expect(st!.spoilerText).toBe("spoiler");
    expect(st!.sensitive).toBe(true);
    expect(st!.visibility).toBe("unlisted");
    expect(st!.language).toBe("fr");
    expect(st!.inReplyToId).toBe(parent.id);
    expect(st!.application?.name).toBe("Test rig");
    expect(st!.createdAt).toBe(new Date(start + 10 * MIN).toISOString());
    // the normal posting path ran: follower's home feed and the mention notification
    expect(s.count("home_feeds", "account_id = ? AND status_id = ?", bob.account.id, Number(st!.id))).toBe(1);
    expect(s.count("notifications", "account_id = ? AND type = 'mention' AND status_id = ?", bob.account.id, Number(st!.id))).toBe(1);
    await at(clock.now + HOUR);
    expect(posted("answer @bob")).toBe(1);
  });

  test("media stay through the unattached-media cleanup and go to the posted status", async () => {
    const [m1, m2] = [addMedia(s, alice.account.id), addMedia(s, alice.account.id)];
    const loose = addMedia(s, alice.account.id);
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({ status: "pictures", mediaIds: [m2, m1], scheduledAt: inFuture(clock, 48 * HOUR) });
    clock.now = start + 30 * HOUR;
    await removeUnattachedMedia(s.ctx);
    expect(s.count("media_attachments", "id = ?", Number(loose))).toBe(0);
    expect(s.count("media_attachments", "id IN (?, ?)", Number(m1), Number(m2))).toBe(2);
    expect((await alice.client.v1.scheduledStatuses.$select(sch.id).fetch()).mediaAttachments.map((m) => m.id)).toEqual([m2, m1]);
    await at(start + 48 * HOUR);
    const id = s.ctx.db
      .query<{ id: number }, [number]>("SELECT id FROM statuses WHERE account_id = ? AND text = 'pictures'")
      .get(alice.account.id)!.id;
    const st = await alice.client.v1.statuses.$select(String(id)).fetch();
    expect(st.mediaAttachments.map((m) => m.id)).toEqual([m2, m1]);
    expect(s.count("media_attachments", "status_id = ? AND scheduled_status_id IS NULL", id)).toBe(2);
  });

  test("an upload deleted meanwhile is left out; the rest is posted", async () => {
    const [m1, m2] = [addMedia(s, alice.account.id), addMedia(s, alice.account.id)];
    const start = clock.now;
    await alice.client.v1.statuses.create({ status: "one left", mediaIds: [m1, m2], scheduledAt: inFuture(clock, 10 * MIN) });
    expect((await s.api("DELETE", `/api/v1/media/${m1}`, { token: alice.token })).status).toBe(200);
    await at(start + 10 * MIN);
    const row = s.ctx.db
      .query<{ media_ids: string }, [number]>("SELECT media_ids FROM statuses WHERE account_id = ? AND text = 'one left'")
      .get(alice.account.id)!;
    expect(JSON.parse(row.media_ids)).toEqual([Number(m2)]);
  });

  test("a poll is created when posted, expiring relative to that time", async () => {
    const start = clock.now;
    await alice.client.v1.statuses.create({
      status: "tea or coffee",
      poll: { options: ["tea", "coffee"], expiresIn: 3600 },
      scheduledAt: inFuture(clock, 6 * HOUR),
    });
    expect(s.count("polls", "account_id = ?", alice.account.id)).toBe(0);
    await at(start + 6 * HOUR);
    const id = s.ctx.db
      .query<{ id: number }, [number]>("SELECT id FROM statuses WHERE account_id = ? AND text = 'tea or coffee'")
      .get(alice.account.id)!.id;
    const st = await alice.client.v1.statuses.$select(String(id)).fetch();
    expect(st.poll!.options.map((o) => o.title)).toEqual(["tea", "coffee"]);
    expect(st.poll!.expiresAt).toBe(new Date(start + 7 * HOUR).toISOString());
  });
});

describe("never twice, never after cancelling", () => {
  test("moved later: the old job posts nothing, the new time posts once", async () => {
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({ status: "moved later", scheduledAt: inFuture(clock, 10 * MIN) });
    await alice.client.v1.scheduledStatuses.$select(sch.id).update({ scheduledAt: inFuture(clock, 2 * HOUR) });
    await at(start + 10 * MIN);
    expect(posted("moved later")).toBe(0);
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(1);
    await at(start + 2 * HOUR);
    expect(posted("moved later")).toBe(1);
    await at(start + 3 * HOUR);
    expect(posted("moved later")).toBe(1);
  });

  test("moved earlier: posted at the new time, the old job finds nothing", async () => {
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({ status: "moved earlier", scheduledAt: inFuture(clock, 2 * HOUR) });
    await alice.client.v1.scheduledStatuses.$select(sch.id).update({ scheduledAt: inFuture(clock, 10 * MIN) });
    await at(start + 10 * MIN);
    expect(posted("moved earlier")).toBe(1);
    await at(start + 2 * HOUR);
    expect(posted("moved earlier")).toBe(1);
    expect(s.count("jobs", "kind = 'scheduled_status.publish'")).toBe(0);
  });

  test("cancelled: its job runs and posts nothing", async () => {
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({ status: "cancelled", scheduledAt: inFuture(clock, 10 * MIN) });
    await alice.client.v1.scheduledStatuses.$select(sch.id).remove();
    await at(start + 10 * MIN);
    expect(posted("cancelled")).toBe(0);
    expect(s.count("jobs", "kind = 'scheduled_status.publish'")).toBe(0);
  });

  test("a reply whose target was deleted is dropped, as Mastodon does", async () => {
    const parent = await bob.client.v1.statuses.create({ status: "soon gone" });
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({
      status: "late reply",
      inReplyToId: parent.id,
      scheduledAt: inFuture(clock, 10 * MIN),
    });
    await bob.client.v1.statuses.$select(parent.id).remove();
    await at(start + 10 * MIN);
    expect(posted("late reply")).toBe(0);
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(0);
    expect(s.count("jobs", "kind = 'scheduled_status.publish'")).toBe(0);
  });

  test("a suspended account's scheduled status is dropped", async () => {
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({ status: "while suspended", scheduledAt: inFuture(clock, 10 * MIN) });
    s.ctx.db.query("UPDATE accounts SET suspended_at = ? WHERE id = ?").run(clock.now, alice.account.id);
    await at(start + 10 * MIN);
    s.ctx.db.query("UPDATE accounts SET suspended_at = NULL WHERE id = ?").run(alice.account.id);
    expect(posted("while suspended")).toBe(0);
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(0);
  });

  test("with its job lost, the five-minute sweep posts an overdue status once", async () => {
    const start = clock.now;
    const sch = await alice.client.v1.statuses.create({ status: "swept", scheduledAt: inFuture(clock, 10 * MIN) });
    s.ctx.db.query("DELETE FROM jobs WHERE kind = 'scheduled_status.publish'").run();
    await at(start + 15 * MIN);
    expect(posted("swept")).toBe(0);
    s.ctx.jobs.enqueue("scheduled_status.sweep", {});
    s.ctx.jobs.enqueue("scheduled_status.sweep", {});
    await s.drain();
    expect(posted("swept")).toBe(1);
    expect(s.count("scheduled_statuses", "id = ?", Number(sch.id))).toBe(0);
  });
});
