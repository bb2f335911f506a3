import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let alice: TestUser;
beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  s.ctx.db
    .query(`INSERT INTO custom_emojis (id, shortcode, domain, image_key, image_remote_url, visible_in_picker, category, created_at)
    VALUES (1, 'blobcat', NULL, 'custom_emojis/1/blobcat.png', NULL, 1, 'Blobs', 0),
           (2, 'Awoo', NULL, 'custom_emojis/2/awoo.png', NULL, 0, NULL, 0),
           (3, 'remote', 'remote.example', NULL, 'https://remote.example/e.png', 1, NULL, 0)`)
    .run();
});
afterAll(() => s.stop());

describe("GET /api/v1/preferences", () => {
  test("defaults, then stored settings", async () => {
    expect(await s.client(alice.token).v1.preferences.fetch()).toEqual({
      "posting:default:visibility": "public",
      "posting:default:sensitive": false,
      "posting:default:language": null,
      "posting:default:quote_policy": "public",
      "reading:expand:media": "default",
      "reading:expand:spoilers": false,
    } as any);
    s.ctx.db.query("UPDATE users SET settings = ? WHERE id = ?").run(
      JSON.stringify({
        default_privacy: "unlisted",
        default_sensitive: true,
        default_language: "de",
        expand_media: "show_all",
        expand_spoilers: true,
      }),
      alice.user.id,
    );
    expect(await (await s.api("GET", "/api/v1/preferences", { token: alice.token })).json()).toEqual({
      "posting:default:visibility": "unlisted",
      "posting:default:sensitive": true,
      "posting:default:language": "de",
      "posting:default:quote_policy": "public",
      "reading:expand:media": "show_all",
      "reading:expand:spoilers": true,
    });
  });
  test("no token 401; token without read:accounts 403", async () => {
    expect((await s.api("GET", "/api/v1/preferences")).status).toBe(401);
    expect((await s.api("GET", "/api/v1/preferences", { token: s.token(alice.user.id, ["write"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/preferences", { token: s.token(alice.user.id, ["read:accounts"]) })).status).toBe(200);
  });
});

describe("GET /api/v1/custom_emojis", () => {
  test("local emojis only, sorted, with URLs", async () => {
    const list = (await (await s.api("GET", "/api/v1/custom_emojis")).json()) as any[];
    expect(list).toEqual([
      {
        shortcode: "Awoo",
        url: `${s.url}/system/custom_emojis/2/awoo.png`,
        static_url: `${s.url}/system/custom_emojis/2/awoo.png`,
        visible_in_picker: false,
        category: null,
      },
      {
        shortcode: "blobcat",
        url: `${s.url}/system/custom_emojis/1/blobcat.png`,
        static_url: `${s.url}/system/custom_emojis/1/blobcat.png`,
        visible_in_picker: true,
        category: "Blobs",
      },
    ]);
  });
});

describe("features without data answer empty lists", () => {
  test("lists, filters, followed tags, announcements, trends are [] for a new user with the right scope; 403 without it", async () => {
    const u = await s.createUser("emptyreader");
    for (const p of ["/api/v1/lists", "/api/v2/filters", "/api/v1/followed_tags", "/api/v1/announcements", "/api/v1/trends/tags"]) {
      const res = await s.api("GET", p, { token: u.token });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([]);
    }
    const narrow = s.token(u.user.id, ["read:accounts"]);
    expect((await s.api("GET", "/api/v1/lists", { token: narrow })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/lists")).status).toBe(401);
    expect((await s.api("POST", "/api/v1/trends/tags", { token: u.token, json: {} })).status).toBe(404);
  });
});
