/**
 * Instance settings and server rules (issue 14): changed through Hearth's admin endpoint and
 * `hearth admin settings|rules`, seen at once in /api/v1|v2/instance, the rules, the policies
 * and the public timelines' access rules; staff-only, 422 with nothing written, audit-logged.
 */
import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { runAdmin } from "../../../../src/cli/admin";
import { call, staffUser } from "../admin/helpers";
import { rootHtml } from "../../../../src/pages/root";
import { getTrendsAutoApprove, getTrendsEnabled } from "../../../../src/db/queries/trends";
import { readFeedAccess, readInstanceSettings } from "../../../../src/services/instance/settings";

let s: TestServer;
let admin: TestUser, mod: TestUser, user: TestUser;
let plainAdminToken: string;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [admin, mod, user] = await Promise.all([staffUser(s, "boss", "admin"), staffUser(s, "mod", "moderator"), staffUser(s, "pat", "user")]);
  plainAdminToken = s.token(admin.user.id, ["read", "write"]);
}, 30_000);
afterAll(() => s.stop());

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = spyOn(console, "log").mockImplementation(() => {});
  const error = spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await runAdmin(s.ctx, args);
    return { code, out: log.mock.calls.map((c) => c.join(" ")).join("\n"), err: error.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const logCount = () => (s.ctx.db.query("SELECT count(*) AS n FROM admin_action_logs").get() as { n: number }).n;
const SETTINGS = "/api/v1/admin/hearth/settings";

describe("settings", () => {
  test("the admin endpoint changes /api/v1 and /api/v2/instance without a restart, and is audit-logged", async () => {
    const before = logCount();
    const r = await call(s, "PUT", SETTINGS, admin.token, {
      site_title: "Kitchen Table",
      site_short_description: "Our family's corner",
      site_contact_email: "owner@family.example",
      site_contact_username: "boss",
      registrations_mode: "approved",
      require_invite_text: true,
      default_locale: "de",
      theme_color: "#AA3300",
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ site_title: "Kitchen Table", registrations_mode: "approved", theme_color: "#aa3300" });
    expect(logCount()).toBe(before + 8);
    const v2 = (await call(s, "GET", "/api/v2/instance")).body;
    expect(v2).toMatchObject({
      title: "Kitchen Table",
      description: "Our family's corner",
      languages: ["de"],
      contact: { email: "owner@family.example", account: { username: "boss" } },
      registrations: { enabled: true, approval_required: true, reason_required: true },
    });
    const v1 = (await call(s, "GET", "/api/v1/instance")).body;
    expect(v1).toMatchObject({
      title: "Kitchen Table",
      short_description: "Our family's corner",
      registrations: true,
      approval_required: true,
    });
    expect((await call(s, "GET", SETTINGS, admin.token)).body.site_title).toBe("Kitchen Table");
  });

  test("the CLI sets, gets and resets; closed registrations refuse sign-ups", async () => {
    expect((await cli("settings", "set", "registrations_mode", "none")).code).toBe(0);
    expect((await cli("settings", "set", "closed_registrations_message", "Family only")).code).toBe(0);
    expect((await cli("settings", "get", "registrations_mode")).out).toBe("none");
    const v2 = (await call(s, "GET", "/api/v2/instance")).body;
    expect(v2.registrations).toMatchObject({ enabled: false, message: "Family only" });
    expect((await call(s, "GET", "/api/v1/instance")).body.registrations).toBe(false);
    const app = await call(s, "POST", "/api/v1/apps", undefined, { client_name: "x", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
    const tok = await call(s, "POST", "/oauth/token", undefined, {
      grant_type: "client_credentials",
      client_id: app.body.client_id,
      client_secret: app.body.client_secret,
    });
    const signUp = await call(s, "POST", "/api/v1/accounts", tok.body.access_token, {
      username: "newbie",
      email: "n@family.example",
      password: "long enough password",
      agreement: true,
    });
    expect(signUp.status).toBe(403);
    expect((await cli("settings", "reset", "registrations_mode")).code).toBe(0);
    expect((await cli("settings", "get", "registrations_mode")).out).toBe("");
    // back to the REGISTRATIONS default
    expect((await call(s, "GET", "/api/v2/instance")).body.registrations.enabled).toBe(s.ctx.config.registrations !== "closed");
    const bad = await cli("settings", "set", "registrations_mode", "sometimes");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("registrations_mode must be one of open, approved, none");
  });

  test("trends on/off and auto-approval are the settings the trends code reads", async () => {
    expect([getTrendsEnabled(s.ctx.db), getTrendsAutoApprove(s.ctx.db)]).toEqual([true, false]);
    expect((await call(s, "PUT", SETTINGS, admin.token, { trends: false, trendable_by_default: "yes" })).status).toBe(200);
    expect([getTrendsEnabled(s.ctx.db), getTrendsAutoApprove(s.ctx.db)]).toEqual([false, true]);
    expect((await cli("settings", "reset", "trends")).code).toBe(0);
    expect(getTrendsEnabled(s.ctx.db)).toBe(true);
  });

  test("bad input answers 422 and writes nothing", async () => {
    const before = logCount();
    for (const body of [
      { site_title: "Fine", theme_color: "red" },
      { site_title: "Fine", registrations_mode: "maybe" },
      { site_contact_username: "nobody_here" },
      { site_contact_email: "not an address" },
      { no_such_setting: "x" },
      { default_locale: "English" },
    ]) {
      const r = await call(s, "PUT", SETTINGS, admin.token, body);
      expect(r.status).toBe(422);
    }
    expect((await call(s, "GET", "/api/v2/instance")).body.title).toBe("Kitchen Table");
    expect(logCount()).toBe(before);
  });

  test("403 for a moderator, a user and an admin's token without admin scopes", async () => {
    for (const t of [mod.token, user.token]) {
      expect((await call(s, "PUT", SETTINGS, t, { site_title: "Mine" })).status).toBe(403);
      expect((await call(s, "GET", SETTINGS, t)).status).toBe(403);
      expect((await call(s, "POST", "/api/v1/admin/hearth/rules", t, { text: "Mine" })).status).toBe(403);
    }
    expect((await call(s, "PUT", SETTINGS, plainAdminToken, { site_title: "Mine" })).status).toBe(403);
    expect((await call(s, "GET", "/api/v2/instance")).body.title).toBe("Kitchen Table");
  });

  test("privacy policy and terms of service are served, rendered from Markdown, with their dates", async () => {
    expect((await call(s, "GET", "/api/v1/instance/privacy_policy")).status).toBe(404);
    expect((await call(s, "GET", "/api/v1/instance/terms_of_service")).status).toBe(404);
    const r = await call(s, "PUT", SETTINGS, admin.token, {
      privacy_policy: "# Privacy\n\nWe keep **nothing**.<script>x()</script>",
      terms_of_service: "Be *kind*.",
      terms_of_service_effective_date: "2026-01-15",
      site_extended_description: "About [us](https://family.example)",
    });
    expect(r.status).toBe(200);
    const ppr = await call(s, "GET", "/api/v1/instance/privacy_policy");
    expect(ppr.status).toBe(200);
    const pp = ppr.body;
    expect(pp.content).toContain("<strong>nothing</strong>");
    expect(pp.content).not.toContain("script");
    expect(Date.parse(pp.updated_at)).toBeGreaterThan(Date.now() - 60_000);
    const tos = (await call(s, "GET", "/api/v1/instance/terms_of_service")).body;
    expect(tos).toEqual({ effective_date: "2026-01-15", effective: true, content: "<p>Be <em>kind</em>.</p>", succeeded_by: null });
    expect((await call(s, "GET", "/api/v1/instance/terms_of_service/2026-01-15")).body.content).toBe(tos.content);
    expect((await call(s, "GET", "/api/v1/instance/terms_of_service/2025-01-01")).status).toBe(404);
    const ext = (await call(s, "GET", "/api/v1/instance/extended_description")).body;
    expect(ext.content).toContain('<a href="https://family.example"');
    expect(ext.updated_at).not.toBeNull();
    const urls = (await call(s, "GET", "/api/v2/instance")).body.configuration.urls;
    expect(urls.privacy_policy).toMatch(/^http/);
    expect(urls.terms_of_service).toMatch(/^http/);
  });

  test("visitors lose the public and hashtag timelines when access is 'authenticated'; users keep them", async () => {
    expect((await call(s, "GET", "/api/v1/timelines/public")).status).toBe(200);
    // The timelines read the four levels alone (readFeedAccess): always what all settings say.
    expect(readFeedAccess(s.ctx)).toEqual(readInstanceSettings(s.ctx).feeds);
    expect((await cli("settings", "set", "local_live_feed_access", "authenticated")).code).toBe(0);
    expect((await cli("settings", "set", "local_topic_feed_access", "authenticated")).code).toBe(0);
    expect((await cli("settings", "set", "remote_topic_feed_access", "disabled")).code).toBe(0);
    expect(readFeedAccess(s.ctx)).toEqual(readInstanceSettings(s.ctx).feeds);
    expect(readFeedAccess(s.ctx)).toEqual({
      localLive: "authenticated",
      remoteLive: "public",
      localTopic: "authenticated",
      remoteTopic: "disabled",
    });
    expect((await cli("settings", "set", "remote_topic_feed_access", "public")).code).toBe(0);
    const anon = await call(s, "GET", "/api/v1/timelines/public");
    expect(anon.status).toBe(401);
    expect(anon.body.error).toBe("This method requires an authenticated user");
    expect((await call(s, "GET", "/api/v1/timelines/public?local=true")).status).toBe(401);
    expect((await call(s, "GET", "/api/v1/timelines/public?remote=true")).status).toBe(200);
    expect((await call(s, "GET", "/api/v1/timelines/tag/cats")).status).toBe(401);
    expect((await call(s, "GET", "/api/v1/timelines/public", user.token)).status).toBe(200);
    expect((await call(s, "GET", "/api/v1/timelines/tag/cats", user.token)).status).toBe(200);
    expect((await call(s, "GET", "/api/v2/instance")).body.configuration.timelines_access).toEqual({
      live_feeds: { local: "authenticated", remote: "public" },
      hashtag_feeds: { local: "authenticated", remote: "public" },
      trending_link_feeds: { local: "authenticated", remote: "public" },
    });
  });
});

describe("thumbnail", () => {
  test("an uploaded thumbnail is processed into @1x/@2x with a blurhash; 422 for a non-image; removable from the CLI", async () => {
    const sharp = (await import("sharp")).default;
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#c06030" } })
      .png()
      .toBuffer();
    const upload = (bytes: Uint8Array, type: string) => {
      const body = new FormData();
      body.append("thumbnail", new Blob([new Uint8Array(bytes)], { type }), "t.png");
      return s.api("PUT", `${SETTINGS}/thumbnail`, { token: admin.token, body });
    };
    const before = logCount();
    expect((await upload(new TextEncoder().encode("not an image"), "image/png")).status).toBe(422);
    expect(logCount()).toBe(before);
    expect((await upload(png, "image/png")).status).toBe(200);
    const t = (await call(s, "GET", "/api/v2/instance")).body.thumbnail;
    expect(t.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,}$/);
    for (const v of ["@1x", "@2x"]) {
      const res = await fetch(t.versions[v].replace(/^https?:\/\/[^/]+/, s.url));
      expect(res.status).toBe(200);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.width, meta.height]).toEqual(v === "@1x" ? [1200, 630] : [2400, 1260]);
    }
    expect((await call(s, "GET", "/api/v1/instance")).body.thumbnail).toBe(t.url);
    expect((await cli("settings", "thumbnail", "--remove")).code).toBe(0);
    expect((await call(s, "GET", "/api/v2/instance")).body.thumbnail).toEqual({ url: expect.stringContaining("missing.png") });
  });
});

describe("rules", () => {
  test("add, edit, move and remove through the endpoint and the CLI; /api/v1/instance/rules follows", async () => {
    const a = await call(s, "POST", "/api/v1/admin/hearth/rules", admin.token, { text: "Be kind", hint: "Family first" });
    expect(a.status).toBe(200);
    expect((await cli("rules", "add", "No ads")).code).toBe(0);
    let rules = (await call(s, "GET", "/api/v1/instance/rules")).body;
    expect(rules.map((r: { text: string }) => r.text)).toEqual(["Be kind", "No ads"]);
    expect(rules[0]).toEqual({ id: a.body.id, text: "Be kind", hint: "Family first" });
    const second = rules[1].id;
    expect((await cli("rules", "move", second, "1")).code).toBe(0);
    expect((await call(s, "PUT", `/api/v1/admin/hearth/rules/${a.body.id}`, admin.token, { text: "Be very kind" })).status).toBe(200);
    rules = (await call(s, "GET", "/api/v1/instance/rules")).body;
    expect(rules.map((r: { text: string }) => r.text)).toEqual(["No ads", "Be very kind"]);
    expect((await call(s, "GET", "/api/v2/instance")).body.rules.map((r: { text: string }) => r.text)).toEqual(["No ads", "Be very kind"]);
    expect((await cli("rules", "list")).out).toContain("1. [");
    // The landing page (shown before sign-up while the web client is not embedded) lists them in order.
    const page = rootHtml(s.ctx);
    expect(page).toContain("<h2>Server rules</h2>");
    expect(page.indexOf("No ads")).toBeLessThan(page.indexOf("Be very kind"));
    expect(page).toContain("Family first");
    expect((await call(s, "POST", "/api/v1/admin/hearth/rules", admin.token, { text: "  " })).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/hearth/rules", admin.token, { text: "x".repeat(301) })).status).toBe(422);
    expect((await call(s, "DELETE", `/api/v1/admin/hearth/rules/${second}`, admin.token)).status).toBe(200);
    expect((await cli("rules", "remove", a.body.id)).code).toBe(0);
    expect((await call(s, "GET", "/api/v1/instance/rules")).body).toEqual([]);
    const actions = s.ctx.db.query("SELECT action FROM admin_action_logs WHERE target_type = 'Rule' ORDER BY id").all() as {
      action: string;
    }[];
    expect(actions.map((x) => x.action)).toEqual(["create", "create", "update", "update", "destroy", "destroy"]);
  });
});
