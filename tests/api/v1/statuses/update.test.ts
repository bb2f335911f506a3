import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addMedia } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => s.createUser(n)))) as any;
});
afterAll(() => s.stop());

describe("PUT /api/v1/statuses/:id, history and source", () => {
  test("edit records versions, re-parses, notifies boosters and new mentions", async () => {
    const st = await alice.client.v1.statuses.create({ status: "first #old", spoilerText: "cw1" });
    await bob.client.v1.statuses.$select(st.id).reblog();
    const m = addMedia(s, alice.account.id);
    const ed = await alice.client.v1.statuses
      .$select(st.id)
      .update({ status: "second #New @carol", spoilerText: "cw2", mediaIds: [m] } as any);
    expect(ed.editedAt).not.toBeNull();
    expect(ed.content).toContain("#<span>New</span>");
    expect(ed.tags.map((t) => t.name)).toEqual(["new"]);
    expect(ed.mentions.map((x) => x.acct)).toEqual(["carol"]);
    expect(ed.mediaAttachments.map((x) => x.id)).toEqual([m]);
    expect(await alice.client.v1.statuses.$select(st.id).fetch()).toEqual(ed);
    expect(s.count("notifications", "account_id = ? AND type = 'update' AND status_id = ?", bob.account.id, Number(st.id))).toBe(1);
    expect(s.count("notifications", "account_id = ? AND type = 'mention' AND status_id = ?", carol.account.id, Number(st.id))).toBe(1);

    await alice.client.v1.statuses.$select(st.id).update({ status: "third" } as any);
    const hist = await s.api("GET", `/api/v1/statuses/${st.id}/history`).then((r) => r.json());
    expect(hist.map((h: any) => h.content)).toEqual([st.content, ed.content, "<p>third</p>"]);
    expect(hist[0].content).toContain("#<span>old</span>");
    expect(hist.map((h: any) => h.spoiler_text)).toEqual(["cw1", "cw2", "cw2"]);
    expect(hist[0].created_at).toBe(st.createdAt);
    expect(hist[1].media_attachments.map((x: any) => x.id)).toEqual([m]);
    expect(hist[0].account.id).toBe(alice.id);

    const src = await alice.client.v1.statuses.$select(st.id).source.fetch();
    expect(src).toEqual({ id: st.id, text: "third", spoilerText: "cw2" });
  });

  test("history of an unedited status is its current version", async () => {
    const st = await alice.client.v1.statuses.create({ status: "never edited" });
    const hist = await alice.client.v1.statuses.$select(st.id).history.list();
    expect(hist).toHaveLength(1);
    expect(hist[0]!.content).toBe(st.content);
    expect(s.count("status_edits", "status_id = ?", Number(st.id))).toBe(0);
  });

  test("an edit that changes nothing records nothing", async () => {
    const st = await alice.client.v1.statuses.create({ status: "same" });
    const r = await s.api("PUT", `/api/v1/statuses/${st.id}`, { token: alice.token, json: { status: "same" } });
    expect(r.status).toBe(200);
    expect((await r.json()).edited_at).toBeNull();
    expect(s.count("status_edits", "status_id = ?", Number(st.id))).toBe(0);
  });

  test("bad input writes nothing", async () => {
    const st = await alice.client.v1.statuses.create({ status: "keep me" });
    const put = (token: string | undefined, json: unknown) => s.api("PUT", `/api/v1/statuses/${st.id}`, { token, json });
    const check = async (p: Promise<Response>, code: number) => {
      const r = await p;
      expect(r.status).toBe(code);
      const row = s.ctx.db.query("SELECT text, edited_at FROM statuses WHERE id = ?").get(Number(st.id)) as any;
      expect(row).toEqual({ text: "keep me", edited_at: null });
      expect(s.count("status_edits")).toBe(edits);
    };
    const edits = s.count("status_edits");
    await check(put(bob.token, { status: "hijack" }), 404);
    await check(put(alice.token, { status: "x".repeat(501) }), 422);
    await check(put(alice.token, { status: "" }), 422);
    await check(put(alice.token, { status: "x", sensitive: "maybe" }), 422);
    await check(put(alice.token, { status: { x: 1 } }), 422);
    await check(put(alice.token, { status: "x", media_ids: [addMedia(s, bob.account.id)] }), 422);
    await check(put(s.token(alice.user.id, ["read"]), { status: "x" }), 403);
    await check(put(undefined, { status: "x" }), 401);
    expect((await s.api("PUT", "/api/v1/statuses/999", { token: alice.token, json: { status: "x" } })).status).toBe(404);
  });

  test("source of an invisible status is 404", async () => {
    const st = await alice.client.v1.statuses.create({ status: "private", visibility: "private" });
    expect((await s.api("GET", `/api/v1/statuses/${st.id}/source`, { token: bob.token })).status).toBe(404);
    expect((await s.api("GET", `/api/v1/statuses/${st.id}/source`)).status).toBe(401);
  });

  test("media_attributes change the alt text of the status's media (and only the owner's)", async () => {
    const m = addMedia(s, alice.account.id);
    const st = await alice.client.v1.statuses.create({ status: "with a picture", mediaIds: [m] });
    const ed = await alice.client.v1.statuses
      .$select(st.id)
      .update({ status: "with a picture", mediaIds: [m], mediaAttributes: [{ id: m, description: "A red square" }] } as any);
    expect(ed.mediaAttachments[0]!.description).toBe("A red square");
    expect(ed.editedAt).not.toBeNull();
    // Someone else's media id in media_attributes is ignored.
    const other = addMedia(s, bob.account.id);
    await alice.client.v1.statuses
      .$select(st.id)
      .update({ status: "with a picture", mediaAttributes: [{ id: other, description: "x" }] } as any);
    expect(
      s.ctx.db.query<{ description: string | null }, [number]>("SELECT description FROM media_attachments WHERE id = ?").get(Number(other))!
        .description,
    ).not.toBe("x");
  });
});
