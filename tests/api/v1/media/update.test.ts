import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { clip, processed } from "../../../media/clips";
import { gradient } from "../../../media/fixtures";
import { filesUnder, upload } from "./helpers";

let s: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
});
afterAll(() => s.stop());

const png = async () => ({ bytes: await gradient(40, 30, "png"), type: "image/png", name: "p.png" });

describe("PUT /api/v1/media/:id", () => {
  test("masto.js updates description and focus", async () => {
    const m = await (await upload(s, "/api/v2/media", alice.token, { file: await png(), description: "before" })).json();
    const updated = await alice.client.v1.media.$select(m.id).update({ description: "after", focus: "0.5,-0.25" });
    expect(updated.description).toBe("after");
    expect(updated.meta?.focus).toEqual({ x: 0.5, y: -0.25 });
    expect(updated.url).toBe(m.url);
    // a field left out stays as it was
    const again = await alice.client.v1.media.$select(m.id).update({ focus: "0,0" });
    expect(again.description).toBe("after");
  });

  test("a video's thumbnail is replaced; the old preview file is deleted", async () => {
    const first = await gradient(64, 48, "png");
    const m = await (
      await upload(s, "/api/v2/media", alice.token, {
        file: { bytes: await clip({ width: 320, height: 240, audio: true }), type: "video/mp4", name: "v.mp4" },
        thumbnail: { bytes: first, type: "image/png", name: "t.png" },
      })
    ).json();
    expect(m.preview_url).toEndWith(".png");
    expect((await processed(s, alice.token, m.id)).status).toBe(200);
    const res = await upload(
      s,
      `/api/v1/media/${m.id}`,
      alice.token,
      { thumbnail: { bytes: await gradient(96, 64, "jpeg"), type: "image/jpeg", name: "t.jpg" } },
      "PUT",
    );
    expect(res.status).toBe(200);
    const u = await res.json();
    expect(u.preview_url).toEndWith(".jpg");
    expect(u.meta.small).toMatchObject({ width: 96, height: 64 });
    expect(u.meta.original).toMatchObject({ width: 320, height: 240 });
    expect(u.blurhash).not.toBe(m.blurhash);
    expect((await fetch(m.preview_url)).status).toBe(404);
    expect(filesUnder(join(s.dataDir, "media", "media_attachments", "files", m.id, "small")).length).toBe(1);
  }, 30_000);

  test("bad input → 422 and nothing changes; others' media → 404; scopes", async () => {
    const m = await (await upload(s, "/api/v2/media", alice.token, { file: await png(), description: "keep" })).json();
    const before = s.ctx.db.query("SELECT * FROM media_attachments WHERE id = ?").get(Number(m.id));
    for (const json of [{ focus: "3,3" }, { focus: "x" }, { description: "y".repeat(1501) }, { description: ["a"] }]) {
      const res = await s.api("PUT", `/api/v1/media/${m.id}`, { token: alice.token, json });
      expect(res.status).toBe(422);
    }
    expect((await upload(s, `/api/v1/media/${m.id}`, alice.token, { thumbnail: await png() }, "PUT")).status).toBe(422);
    expect(s.ctx.db.query("SELECT * FROM media_attachments WHERE id = ?").get(Number(m.id))).toEqual(before);
    expect((await s.api("PUT", `/api/v1/media/${m.id}`, { token: bob.token, json: { description: "mine now" } })).status).toBe(404);
    expect((await s.api("PUT", `/api/v1/media/404404`, { token: alice.token, json: { description: "?" } })).status).toBe(404);
    expect((await s.api("PUT", `/api/v1/media/${m.id}`, { json: { description: "?" } })).status).toBe(401);
    expect(
      (await s.api("PUT", `/api/v1/media/${m.id}`, { token: s.token(alice.user.id, ["read"]), json: { description: "?" } })).status,
    ).toBe(403);
    expect(s.ctx.db.query("SELECT * FROM media_attachments WHERE id = ?").get(Number(m.id))).toEqual(before);
  });
});

describe("DELETE /api/v1/media/:id", () => {
  test("removes own unattached media and its files; others' → 404", async () => {
    const m = await (await upload(s, "/api/v2/media", alice.token, { file: await png() })).json();
    expect((await s.api("DELETE", `/api/v1/media/${m.id}`, { token: bob.token })).status).toBe(404);
    expect((await s.api("DELETE", `/api/v1/media/${m.id}`, { token: s.token(alice.user.id, ["read"]) })).status).toBe(403);
    const res = await s.api("DELETE", `/api/v1/media/${m.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(s.count("media_attachments", "id = ?", Number(m.id))).toBe(0);
    expect(filesUnder(join(s.dataDir, "media", "media_attachments", "files", m.id))).toEqual([]);
    expect((await s.api("DELETE", `/api/v1/media/${m.id}`, { token: alice.token })).status).toBe(404);
  });
});
