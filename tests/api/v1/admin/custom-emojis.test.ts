/** Hearth's custom emoji admin endpoints, /api/v1/custom_emojis, and `emojis` on statuses and accounts. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { animatedGif, gradient } from "../../../media/fixtures";
import { call, staffUser } from "./helpers";

const BASE = "/api/v1/admin/hearth/custom_emojis";
let s: TestServer;
let admin: TestUser, mod: TestUser, plain: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root", "admin");
  mod = await staffUser(s, "mod", "moderator");
  plain = await s.createUser("plain");
}, 30_000);
afterAll(() => s.stop());

async function upload(token: string, fields: Record<string, string>, image?: Uint8Array<ArrayBuffer>, type = "image/png") {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (image) fd.set("image", new File([image], "e.png", { type }));
  const res = await fetch(`${s.url}${BASE}`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: fd });
  return { status: res.status, body: (await res.json()) as any };
}

const count = () => (s.ctx.db.query("SELECT count(*) AS n FROM custom_emojis").get() as { n: number }).n;

describe("custom emoji administration", () => {
  let id = "";
  test("upload → listed publicly with a static rendition → used in a post → Status.emojis", async () => {
    const up = await upload(admin.token, { shortcode: "party_blob", category: "Blobs" }, await animatedGif(32, 32));
    expect(up.status).toBe(200);
    id = up.body.id;
    expect(up.body).toMatchObject({ shortcode: "party_blob", category: "Blobs", visible_in_picker: true, disabled: false, domain: null });
    expect(up.body.url).toMatch(/\.gif$/);
    expect(up.body.static_url).toMatch(/static\.png$/);
    const img = await fetch(up.body.static_url);
    expect(img.status).toBe(200);
    expect(new Uint8Array(await img.arrayBuffer()).subarray(1, 4)).toEqual(new TextEncoder().encode("PNG"));

    const list = (await call(s, "GET", "/api/v1/custom_emojis")).body;
    expect(list.map((e: any) => e.shortcode)).toEqual(["party_blob"]);

    const st = await plain.client.v1.statuses.create({ status: "hello :party_blob: and :unknown_one:" });
    expect(st.emojis.map((e) => e.shortcode)).toEqual(["party_blob"]);
    expect(st.emojis[0]!.url).toBe(up.body.url);
    const again = (await call(s, "GET", `/api/v1/statuses/${st.id}`)).body;
    expect(again.emojis.map((e: any) => e.shortcode)).toEqual(["party_blob"]);
    const tl = (await call(s, "GET", `/api/v1/accounts/${plain.id}/statuses`, plain.token)).body;
    expect(tl[0].emojis.map((e: any) => e.shortcode)).toEqual(["party_blob"]);
  });

  test("display names use emoji too (Account.emojis)", async () => {
    const me = await plain.client.v1.accounts.updateCredentials({ displayName: "Plain :party_blob:" });
    expect(me.emojis.map((e) => e.shortcode)).toEqual(["party_blob"]);
    const shown = (await call(s, "GET", `/api/v1/accounts/${plain.id}`)).body;
    expect(shown.emojis.map((e: any) => e.shortcode)).toEqual(["party_blob"]);
  });

  test("rename, recategorize, hide from the picker, disable: disabled ones leave the list and posts", async () => {
    const r = await call(s, "PATCH", `${BASE}/${id}`, admin.token, { shortcode: "blob_party", category: "", visible_in_picker: false });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ shortcode: "blob_party", category: null, visible_in_picker: false });
    await call(s, "PATCH", `${BASE}/${id}`, admin.token, { disabled: true });
    expect((await call(s, "GET", "/api/v1/custom_emojis")).body).toEqual([]);
    const st = await plain.client.v1.statuses.create({ status: "x :blob_party:" });
    expect(st.emojis).toEqual([]);
    await call(s, "PATCH", `${BASE}/${id}`, admin.token, { disabled: false });
    expect((await call(s, "GET", "/api/v1/custom_emojis")).body.map((e: any) => e.shortcode)).toEqual(["blob_party"]);
  });

  test("422 and nothing written: bad shortcode, taken shortcode, not an image, too large, missing image", async () => {
    const before = count();
    const png = await gradient(16, 16, "png");
    expect((await upload(admin.token, { shortcode: "a" }, png)).status).toBe(422);
    expect((await upload(admin.token, { shortcode: "bad-name" }, png)).status).toBe(422);
    expect((await upload(admin.token, { shortcode: "blob_party" }, png)).status).toBe(422);
    expect((await upload(admin.token, { shortcode: "textfile" }, new TextEncoder().encode("hello world, not an image"))).status).toBe(422);
    const big = new Uint8Array(300 * 1024);
    big.set(png);
    expect((await upload(admin.token, { shortcode: "too_big" }, big)).status).toBe(422);
    expect((await upload(admin.token, { shortcode: "no_image" })).status).toBe(422);
    expect((await call(s, "PATCH", `${BASE}/${id}`, admin.token, { shortcode: "x y" })).status).toBe(422);
    expect(count()).toBe(before);
    expect((await call(s, "GET", `${BASE}/${id}`, admin.token)).body.shortcode).toBe("blob_party");
  });

  test("403 for a role without manage_custom_emojis and for a token without admin scopes", async () => {
    const png = await gradient(16, 16, "png");
    expect((await upload(mod.token, { shortcode: "mods_emoji" }, png)).status).toBe(403);
    expect((await upload(plain.token, { shortcode: "plain_emoji" }, png)).status).toBe(403);
    const noScope = await s.createUser("rootless", { role: "admin", scopes: ["read", "write"] });
    expect((await upload(noScope.token, { shortcode: "noscope" }, png)).status).toBe(403);
    expect((await call(s, "GET", BASE, noScope.token)).status).toBe(403);
    expect((await call(s, "DELETE", `${BASE}/${id}`, mod.token)).status).toBe(403);
  });

  test("copy a remote emoji into a local one; delete", async () => {
    const png = await gradient(20, 20, "webp");
    await s.ctx.storage.put("custom_emojis/remote/far.example/neko-x/original.webp", png, "image/webp");
    s.ctx.db
      .query(
        "INSERT INTO custom_emojis (shortcode, domain, image_key, image_remote_url, image_content_type, visible_in_picker, created_at) VALUES ('neko', 'far.example', 'custom_emojis/remote/far.example/neko-x/original.webp', 'https://far.example/neko.webp', 'image/webp', 0, 1)",
      )
      .run();
    const remote = (await call(s, "GET", `${BASE}?by_domain=far.example`, admin.token)).body;
    expect(remote.map((e: any) => e.shortcode)).toEqual(["neko"]);
    const copied = await call(s, "POST", `${BASE}/${remote[0].id}/copy`, admin.token);
    expect(copied.status).toBe(200);
    expect(copied.body).toMatchObject({ shortcode: "neko", domain: null });
    expect((await call(s, "GET", "/api/v1/custom_emojis")).body.map((e: any) => e.shortcode)).toEqual(["blob_party", "neko"]);
    expect((await call(s, "DELETE", `${BASE}/${copied.body.id}`, admin.token)).status).toBe(200);
    expect((await call(s, "GET", "/api/v1/custom_emojis")).body.map((e: any) => e.shortcode)).toEqual(["blob_party"]);
  });
});
