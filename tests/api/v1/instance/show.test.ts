import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { LIMITS } from "../../../../src/model/limits";
import { VERSION_STRING } from "../../../../src/version";

let s: TestServer;
let owner: TestUser;
beforeAll(async () => {
  s = await startTestServer({ env: { INSTANCE_TITLE: "Test <Hearth>" } });
  owner = await s.createUser("boss", { role: "owner" });
  await s.createUser("member");
  const db = s.ctx.db;
  db.query(
    "INSERT INTO rules (id, text, hint, position, created_at) VALUES (1, 'Be kind', 'really', 1, 0), (2, 'No spam', '', 0, 0)",
  ).run();
  const t = Date.now();
  for (const [i, d] of [
    ["r1", "remote.example"],
    ["r2", "Remote.example"],
    ["r3", "other.example"],
  ] as const) {
    db.query("INSERT INTO accounts (id, username, domain, uri, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)").run(
      s.ctx.ids.next(),
      i,
      d,
      `https://${d}/users/${i}`,
      t,
      t,
    );
  }
});
afterAll(() => s.stop());

describe("GET /api/v2/instance", () => {
  test("shape and values (masto.js)", async () => {
    const i = await s.client().v2.instance.fetch();
    expect(i).toMatchObject({
      domain: s.domain,
      title: "Test <Hearth>",
      version: VERSION_STRING,
      sourceUrl: expect.any(String),
      description: "",
      usage: { users: { activeMonth: 2 } },
      thumbnail: { url: expect.stringMatching(/^http/) },
      icon: [],
      languages: ["en"],
      apiVersions: { mastodon: 2 },
      registrations: { enabled: true, approvalRequired: false, message: null },
      rules: [
        { id: "2", text: "No spam", hint: "" },
        { id: "1", text: "Be kind", hint: "really" },
      ],
    });
    expect(i.contact.email).toBe("");
    expect(i.contact.account?.username).toBe("boss");
    expect(i.contact.account?.id).toBe(owner.id);
  });

  test("configuration carries the shared limits", async () => {
    const i = (await (await s.api("GET", "/api/v2/instance")).json()) as any;
    expect(i.configuration.urls.streaming).toBe(`ws://${s.domain}`);
    expect(i.configuration.vapid.public_key).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect(i.configuration.accounts).toEqual({ max_featured_tags: 10, max_pinned_statuses: 5 });
    expect(i.configuration.statuses).toEqual({ max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 });
    expect(i.configuration.media_attachments).toMatchObject({
      image_size_limit: 16 * 1024 * 1024,
      image_matrix_limit: 33177600,
      video_size_limit: 99 * 1024 * 1024,
      video_frame_rate_limit: 120,
      video_matrix_limit: 8294400,
      description_limit: 1500,
    });
    expect(i.configuration.media_attachments.supported_mime_types).toContain("image/png");
    expect(i.configuration.polls).toEqual({ max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2629746 });
    expect(i.configuration.translation).toEqual({ enabled: false });
    expect(i.configuration.statuses.max_characters).toBe(LIMITS.statuses.max_characters);
    // the VAPID key is stable and the same one apps report
    const again = (await (await s.api("GET", "/api/v2/instance")).json()) as any;
    expect(again.configuration.vapid.public_key).toBe(i.configuration.vapid.public_key);
    const app = (await (
      await s.api("POST", "/api/v1/apps", { json: { client_name: "v", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" } })
    ).json()) as any;
    expect(app.vapid_key).toBe(i.configuration.vapid.public_key);
  });
});

describe("GET /api/v1/instance", () => {
  test("v1 shape with stats", async () => {
    const i = (await (await s.api("GET", "/api/v1/instance")).json()) as any;
    expect(i).toMatchObject({
      uri: s.domain,
      title: "Test <Hearth>",
      short_description: "",
      description: "",
      email: "",
      version: VERSION_STRING,
      urls: { streaming_api: `ws://${s.domain}` },
      stats: { user_count: 2, status_count: 0, domain_count: 2 },
      thumbnail: expect.any(String),
      languages: ["en"],
      registrations: true,
      approval_required: false,
      invites_enabled: false,
      configuration: { statuses: { max_characters: 500 }, polls: { max_options: 4 }, accounts: { max_pinned_statuses: 5 } },
    });
    expect(i.contact_account.username).toBe("boss");
    expect(i.rules).toHaveLength(2);
  });
});

describe("instance details", () => {
  test("rules, peers, extended description", async () => {
    expect(await (await s.api("GET", "/api/v1/instance/rules")).json()).toEqual([
      { id: "2", text: "No spam", hint: "" },
      { id: "1", text: "Be kind", hint: "really" },
    ]);
    expect(await (await s.api("GET", "/api/v1/instance/peers")).json()).toEqual(["other.example", "remote.example"]);
    expect(await (await s.api("GET", "/api/v1/instance/extended_description")).json()).toEqual({ updated_at: null, content: "" });
    s.ctx.db
      .query(
        "INSERT INTO settings (key, value) VALUES ('site_extended_description', '<p>About</p>'), ('site_extended_description_updated_at', '1700000000000')",
      )
      .run();
    expect(await (await s.api("GET", "/api/v1/instance/extended_description")).json()).toEqual({
      updated_at: "2023-11-14T22:13:20.000Z",
      content: "<p>About</p>",
    });
  });

  test("activity: 12 weeks newest first, strings, counting this week's registrations and logins", async () => {
    const a = (await (await s.api("GET", "/api/v1/instance/activity")).json()) as any[];
    expect(a).toHaveLength(12);
    for (const w of a) {
      expect(Object.keys(w).sort()).toEqual(["logins", "registrations", "statuses", "week"]);
      for (const v of Object.values(w)) expect(v).toMatch(/^\d+$/);
    }
    expect(Number(a[0].week)).toBeGreaterThan(Number(a[1].week));
    expect(Number(a[0].week) - Number(a[1].week)).toBe(7 * 24 * 3600);
    expect(new Date(Number(a[0].week) * 1000).getUTCDay()).toBe(1); // weeks start on Monday
    expect(a[0].registrations).toBe("2");
    expect(a[0].logins).toBe("2");
    expect(a[1].registrations).toBe("0");
  });
});
