import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { gradient } from "../../../media/fixtures";
import { filesUnder, upload } from "./helpers";

let s: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false }); // jobs run only when the test drains them
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
});
afterAll(() => s.stop());

async function deferredUpload(): Promise<any> {
  const res = await upload(s, "/api/v2/media", alice.token, {
    file: { bytes: await gradient(2100, 2000, "jpeg"), type: "image/jpeg", name: "big.jpg" },
  });
  expect(res.status).toBe(202);
  return res.json();
}

describe("GET /api/v1/media/:id", () => {
  test("206 with url null while processing, then 200 once media.process ran", async () => {
    const m = await deferredUpload();
    let res = await s.api("GET", `/api/v1/media/${m.id}`, { token: alice.token });
    expect(res.status).toBe(206);
    const body = await res.json();
    expect(body.url).toBeNull();
    expect(body.preview_url).toContain("/small/");
    expect(filesUnder(join(s.dataDir, "media-pending")).length).toBe(1);
    expect(await s.drain()).toBe(1);
    res = await s.api("GET", `/api/v1/media/${m.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    const done = await res.json();
    expect(done.url).toContain("/original/");
    expect(done.meta.original).toMatchObject({ width: 2100, height: 2000 });
    expect(filesUnder(join(s.dataDir, "media-pending"))).toEqual([]);
    expect((await fetch(done.url)).status).toBe(200);
  });

  test("a spooled upload that cannot be decoded ends as 422", async () => {
    const m = await deferredUpload();
    await Bun.write(join(s.dataDir, "media-pending", m.id), new TextEncoder().encode("corrupted meanwhile"));
    await s.drain();
    const res = await s.api("GET", `/api/v1/media/${m.id}`, { token: alice.token });
    expect(res.status).toBe(422);
    expect(s.count("media_attachments", "id = ? AND processing = 2", Number(m.id))).toBe(1);
    expect(filesUnder(join(s.dataDir, "media-pending"))).toEqual([]);
  });

  test("someone else's, attached, unknown or malformed id → 404", async () => {
    const res = await upload(s, "/api/v2/media", alice.token, { file: { bytes: await gradient(30, 30, "png"), type: "image/png" } });
    const m = await res.json();
    expect((await s.api("GET", `/api/v1/media/${m.id}`, { token: alice.token })).status).toBe(200);
    const other = await s.api("GET", `/api/v1/media/${m.id}`, { token: bob.token });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: "Record not found" });
    expect((await s.api("GET", `/api/v1/media/99999999`, { token: alice.token })).status).toBe(404);
    expect((await s.api("GET", `/api/v1/media/abc`, { token: alice.token })).status).toBe(404);
    // Attach it as the statuses service does (status_id set): no longer reachable here.
    const t = Date.now();
    s.ctx.db
      .query("INSERT INTO statuses (id, uri, account_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
      .run(4242, `${s.url}/statuses/4242`, alice.account.id, t, t);
    s.ctx.db.query("UPDATE media_attachments SET status_id = 4242 WHERE id = ?").run(Number(m.id));
    expect((await s.api("GET", `/api/v1/media/${m.id}`, { token: alice.token })).status).toBe(404);
  });

  test("no token → 401; a read-only token → 403 (Mastodon requires write:media here too)", async () => {
    expect((await s.api("GET", `/api/v1/media/1`)).status).toBe(401);
    expect((await s.api("GET", `/api/v1/media/1`, { token: s.token(alice.user.id, ["read"]) })).status).toBe(403);
  });
});
