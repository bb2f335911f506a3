import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addBlock, addFollow, addMedia } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol, dave] = (await Promise.all(["alice", "bob", "carol", "dave"].map((n) => s.createUser(n)))) as any;
});
afterAll(() => s.stop());

describe("POST /api/v1/statuses", () => {
  test("with every option, the answer equals what GET returns", async () => {
    const media = addMedia(s, alice.account.id);
    const parent = await bob.client.v1.statuses.create({ status: "parent" });
    const st = await alice.client.v1.statuses.create({
      status: "hello @bob",
      spoilerText: "cw",
      sensitive: true,
      visibility: "unlisted",
      language: "de",
      inReplyToId: parent.id,
      mediaIds: [media],
    });
    expect(st.spoilerText).toBe("cw");
    expect(st.sensitive).toBe(true);
    expect(st.visibility).toBe("unlisted");
    expect(st.language).toBe("de");
    expect(st.inReplyToId).toBe(parent.id);
    expect(st.inReplyToAccountId).toBe(bob.id);
    expect(st.mediaAttachments.map((m) => m.id)).toEqual([media]);
    expect(st.application?.name).toBe("Test rig");
    expect(st.mentions.map((m) => m.acct)).toEqual(["bob"]);
    expect(st.uri).toBe(`${s.url}/users/alice/statuses/${st.id}`);
    expect(st.url).toBe(`${s.url}/@alice/${st.id}`);
    expect(st.favourited).toBe(false);
    expect(st.pinned).toBe(false);
    const got = await alice.client.v1.statuses.$select(st.id).fetch();
    expect(got).toEqual(st);
    const row = s.ctx.db.query("SELECT conversation_id FROM statuses WHERE id = ?").get(Number(st.id)) as any;
    const prow = s.ctx.db.query("SELECT conversation_id, replies_count FROM statuses WHERE id = ?").get(Number(parent.id)) as any;
    expect(row.conversation_id).toBe(prow.conversation_id);
    expect(prow.replies_count).toBe(1);
    expect(s.count("media_attachments", "id = ? AND status_id = ?", Number(media), Number(st.id))).toBe(1);
    expect(s.count("notifications", "account_id = ? AND type = 'mention' AND status_id = ?", bob.account.id, Number(st.id))).toBe(1);
  });

  test("mentions, hashtags and links in content; counters and tags written", async () => {
    const before = s.count("statuses", "account_id = ?", alice.account.id);
    const st = await alice.client.v1.statuses.create({ status: "hi @carol and @nobody #Hearth #hearth see https://example.com/x <b>" });
    expect(st.content).toContain(
      `<span class="h-card" translate="no"><a href="${s.url}/@carol" class="u-url mention">@<span>carol</span></a></span>`,
    );
    expect(st.content).toContain("@nobody");
    expect(st.content).toContain(`class="mention hashtag" rel="tag">#<span>Hearth</span></a>`);
    expect(st.content).toContain(`<a href="https://example.com/x" target="_blank" rel="nofollow noopener" translate="no">`);
    expect(st.content).toContain("&lt;b&gt;");
    expect(st.tags as unknown).toEqual([{ name: "hearth", url: `${s.url}/tags/hearth` }]);
    expect(st.mentions.map((m) => m.id)).toEqual([carol.id]);
    expect(st.language).toBe("en");
    expect(st.visibility).toBe("public");
    const acc = s.ctx.db.query("SELECT statuses_count, last_status_at FROM accounts WHERE id = ?").get(alice.account.id) as any;
    expect(acc.statuses_count).toBe(before + 1);
    expect(acc.last_status_at).not.toBeNull();
    expect(s.count("tags", "name = 'hearth' AND last_status_at IS NOT NULL")).toBe(1);
    expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.account.id, Number(st.id))).toBe(1);
  });

  test("a reply starts no new conversation; a top-level post does", async () => {
    const a = await alice.client.v1.statuses.create({ status: "root" });
    const b = await alice.client.v1.statuses.create({ status: "other root" });
    const conv = (id: string) =>
      (s.ctx.db.query("SELECT conversation_id FROM statuses WHERE id = ?").get(Number(id)) as any).conversation_id;
    expect(conv(a.id)).not.toBe(conv(b.id));
  });

  test("default visibility comes from the user's settings", async () => {
    s.ctx.db
      .query("UPDATE users SET settings = ? WHERE id = ?")
      .run(JSON.stringify({ default_privacy: "private", default_language: "fr" }), dave.user.id);
    const st = await dave.client.v1.statuses.create({ status: "quiet" });
    expect(st.visibility).toBe("private");
    expect(st.language).toBe("fr");
  });

  test("media without text is valid", async () => {
    const m = addMedia(s, alice.account.id);
    const st = await alice.client.v1.statuses.create({ mediaIds: [m] });
    expect(st.content).toBe("");
    expect(st.mediaAttachments).toHaveLength(1);
  });

  test("Idempotency-Key returns the same status", async () => {
    const n = s.count("statuses");
    const send = () =>
      s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "once" }, headers: { "Idempotency-Key": "k-1" } });
    const r1 = await send();
    const r2 = await send();
    expect(r1.status).toBe(200);
    expect((await r1.json()).id).toBe((await r2.json()).id);
    expect(s.count("statuses")).toBe(n + 1);
    const r3 = await s.api("POST", "/api/v1/statuses", {
      token: bob.token,
      json: { status: "once" },
      headers: { "Idempotency-Key": "k-1" },
    });
    expect(r3.status).toBe(200);
    expect(s.count("statuses")).toBe(n + 2);
  });

  test("mention and status notifications; blocking mentioned accounts get none", async () => {
    addFollow(s, carol.account.id, bob.account.id, true);
    addBlock(s, dave.account.id, bob.account.id);
    const st = await bob.client.v1.statuses.create({ status: "@dave hello world" });
    expect(s.count("notifications", "account_id = ? AND type = 'status' AND status_id = ?", carol.account.id, Number(st.id))).toBe(1);
    expect(s.count("notifications", "account_id = ? AND status_id = ?", dave.account.id, Number(st.id))).toBe(0);
    expect(s.count("mentions", "account_id = ? AND status_id = ?", dave.account.id, Number(st.id))).toBe(1);
    expect(s.count("home_feeds", "account_id = ? AND status_id = ?", carol.account.id, Number(st.id))).toBe(1);
  });
});

describe("POST /api/v1/statuses bad input", () => {
  const bad = async (body: unknown, code: number, opts: { token?: string | null; error?: string } = {}) => {
    const n = s.count("statuses");
    const r = await s.api("POST", "/api/v1/statuses", { token: opts.token === null ? undefined : (opts.token ?? alice.token), json: body });
    const j = await r.json();
    expect(r.status).toBe(code);
    if (opts.error) expect(j.error).toBe(opts.error);
    expect(s.count("statuses")).toBe(n);
    return j;
  };
  test("wrong types", async () => {
    await bad({ status: "x", sensitive: "maybe" }, 422);
    await bad({ status: "x", visibility: "bogus" }, 422);
    await bad({ status: { a: 1 } }, 422);
    await bad({ status: "x", media_ids: [{ a: 1 }] }, 422);
  });
  test("blank and too long", async () => {
    await bad({}, 422, { error: "Validation failed: Text can't be blank" });
    await bad({ status: "   " }, 422, { error: "Validation failed: Text can't be blank" });
    await bad({ status: "x".repeat(501) }, 422);
    await bad({ status: "x".repeat(490), spoiler_text: "y".repeat(11) }, 422);
  });
  test("URLs count 23 characters", async () => {
    const r = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      json: { status: "x".repeat(470) + " https://example.com/" + "p".repeat(100) },
    });
    expect(r.status).toBe(200);
  });
  test("unknown, foreign, attached and too many media", async () => {
    await bad({ status: "x", media_ids: ["12345"] }, 422);
    await bad({ status: "x", media_ids: ["nope"] }, 422);
    await bad({ status: "x", media_ids: [addMedia(s, bob.account.id)] }, 422);
    await bad({ status: "x", media_ids: [addMedia(s, alice.account.id, { processing: 1 })] }, 422);
    const five = Array.from({ length: 5 }, () => addMedia(s, alice.account.id));
    await bad({ status: "x", media_ids: five }, 422);
    expect(
      s.count("media_attachments", "status_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))", JSON.stringify(five.map(Number))),
    ).toBe(0);
  });
  test("unknown or invisible in_reply_to_id", async () => {
    await bad({ status: "x", in_reply_to_id: "999" }, 404);
    const dm = await bob.client.v1.statuses.create({ status: "secret", visibility: "direct" });
    await bad({ status: "x", in_reply_to_id: dm.id }, 404);
  });
  test("bad polls and bad scheduled_at → 422", async () => {
    await bad({ status: "x", poll: { options: ["a"], expires_in: 300 } }, 422);
    await bad({ status: "x", scheduled_at: "next tuesday" }, 422);
  });
  test("read-only token 403, no token 401, bad token 401", async () => {
    await bad({ status: "x" }, 403, { token: s.token(alice.user.id, ["read"]) });
    await bad({ status: "x" }, 401, { token: null });
    await bad({ status: "x" }, 401, { token: "nope" });
  });
  test("form-encoded input works too", async () => {
    const r = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      form: { status: "form post", "media_ids[]": addMedia(s, alice.account.id), sensitive: "true" },
    });
    expect(r.status).toBe(200);
    const j = await r.json();
    expect(j.sensitive).toBe(true);
    expect(j.media_attachments).toHaveLength(1);
  });
});
