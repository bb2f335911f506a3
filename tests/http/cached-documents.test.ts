/**
 * Issue 17: the rarely-changing documents (/api/v1|v2/instance, /api/v1/custom_emojis, NodeInfo,
 * WebFinger and actor documents of local accounts) are kept once built. Every kept answer equals
 * what the builder makes now, byte for byte (plain, gzip and brotli); If-None-Match answers 304;
 * and every way what they show changes rebuilds them: the admin endpoints, the CLI in another
 * process while the server runs, a profile edit, an emoji upload, and the counts once the refresh
 * interval has passed on the rig's frozen clock.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { staffUser } from "../api/v1/admin/helpers";
import { gradient } from "../media/fixtures";
import type { BuiltDocument } from "../../src/http/cached-document";
import { compressBody, MIN_COMPRESS_BYTES } from "../../src/http/compression";
import { instanceV1Document } from "../../src/api/v1/instance/show";
import { instanceV2Document } from "../../src/api/v2/instance/show";
import { customEmojisDocument } from "../../src/api/v1/misc/custom-emojis";
import { nodeinfoJson } from "../../src/activitypub/inbound/well-known/nodeinfo";
import { webfingerDocument } from "../../src/activitypub/inbound/routes/webfinger";
import { actorDocument } from "../../src/activitypub/inbound/routes/actor-document";
import { getAccount } from "../../src/db/queries/accounts";
import { USAGE_REFRESH_MS } from "../../src/services/instance/stats";

let s: TestServer;
let owner: TestUser;
let pat: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false, frozen: true });
  owner = await staffUser(s, "boss", "owner");
  pat = await s.createUser("pat");
}, 30_000);
afterAll(() => s.stop());

const AP = "application/activity+json";
/** Each kept document: its path, the Accept it needs, and the builder that makes it uncached. */
const DOCS: { path: () => string; accept?: string; build: () => BuiltDocument }[] = [
  { path: () => "/api/v1/instance", build: () => instanceV1Document(s.ctx) },
  { path: () => "/api/v2/instance", build: () => instanceV2Document(s.ctx) },
  { path: () => "/api/v1/custom_emojis", build: () => customEmojisDocument(s.ctx) },
  { path: () => "/nodeinfo/2.0", build: () => nodeinfoJson(s.ctx, "2.0") },
  { path: () => "/nodeinfo/2.1", build: () => nodeinfoJson(s.ctx, "2.1") },
  {
    path: () => `/.well-known/webfinger?resource=acct:pat@${s.domain}`,
    build: () => webfingerDocument(s.ctx, getAccount(s.ctx.db, pat.account.id)!),
  },
  { path: () => "/users/pat", accept: AP, build: () => actorDocument(s.ctx, getAccount(s.ctx.db, pat.account.id)!) },
];

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${s.url}${path}`, { headers: { "Accept-Encoding": "identity", ...headers } });
}
const text = async (path: string, accept?: string) => (await get(path, accept ? { Accept: accept } : {})).text();
const json = async (path: string, accept?: string) => JSON.parse(await text(path, accept));

/** Fetches every document plain, gzip and brotli (twice: built, then kept) and compares with the builder's output. */
async function expectAllEqualUncached(): Promise<void> {
  for (const d of DOCS) {
    const accept: Record<string, string> = d.accept ? { Accept: d.accept } : {};
    for (let round = 0; round < 2; round++) {
      const plain = await get(d.path(), accept);
      const want = d.build();
      expect(plain.status).toBe(200);
      expect(await plain.text()).toBe(want.text);
      expect(plain.headers.get("content-type")).toBe(want.contentType);
      expect(plain.headers.get("x-content-type-options")).toBe("nosniff"); // the security wrap still applies
      expect(plain.headers.get("vary")).toContain("Accept-Encoding");
      for (const [k, v] of Object.entries(want.headers ?? {})) if (k.toLowerCase() !== "vary") expect(plain.headers.get(k)).toBe(v);
      const etag = plain.headers.get("etag")!;
      expect(etag).toMatch(/^"[0-9a-z]+"$/);
      const bytes = new TextEncoder().encode(want.text);
      for (const enc of ["gzip", "br"] as const) {
        const res = await fetch(`${s.url}${d.path()}`, {
          headers: { ...accept, "Accept-Encoding": enc },
          decompress: false,
        } as RequestInit);
        const body = new Uint8Array(await res.arrayBuffer());
        if (bytes.byteLength < MIN_COMPRESS_BYTES) {
          expect(res.headers.get("content-encoding")).toBeNull();
          expect(new TextDecoder().decode(body)).toBe(want.text);
          continue;
        }
        expect(res.headers.get("content-encoding")).toBe(enc);
        expect(res.headers.get("etag")).toBe(`W/${etag}`);
        // The same bytes the compression wrap makes for an uncached answer.
        expect(body).toEqual(await compressBody(bytes, enc));
        expect(new TextDecoder().decode(enc === "br" ? brotliDecompressSync(body) : gunzipSync(body))).toBe(want.text);
      }
    }
  }
}

describe("kept documents", () => {
  test("equal the uncached output byte for byte, plain and compressed, built and kept", async () => {
    await expectAllEqualUncached();
  });

  test("If-None-Match with the current ETag (strong or weak, in a list) answers 304 without a body; a stale one gets the document", async () => {
    for (const d of DOCS) {
      const accept: Record<string, string> = d.accept ? { Accept: d.accept } : {};
      const first = await get(d.path(), accept);
      await first.text();
      const etag = first.headers.get("etag")!;
      for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
        const res = await get(d.path(), { ...accept, "If-None-Match": inm });
        expect(res.status).toBe(304);
        expect(await res.text()).toBe("");
        expect(res.headers.get("etag")).toBe(etag);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      }
      const br = await fetch(`${s.url}${d.path()}`, { headers: { ...accept, "If-None-Match": `W/${etag}`, "Accept-Encoding": "br" } });
      expect(br.status).toBe(304);
      const stale = await get(d.path(), { ...accept, "If-None-Match": '"stale"' });
      expect(stale.status).toBe(200);
      expect(await stale.text()).toBe(d.build().text);
    }
  });
});

describe("invalidation", () => {
  const etagOf = async (path: string, accept?: string) => {
    const r = await get(path, accept ? { Accept: accept } : {});
    await r.text();
    return r.headers.get("etag")!;
  };

  test("a rule added and a setting changed through the admin endpoints show at once, with a new ETag", async () => {
    const before = await etagOf("/api/v2/instance");
    const rule = await s.api("POST", "/api/v1/admin/hearth/rules", { token: owner.token, json: { text: "Be kind at the table" } });
    expect(rule.status).toBe(200);
    expect((await json("/api/v1/instance")).rules.map((r: any) => r.text)).toContain("Be kind at the table");
    expect((await json("/api/v2/instance")).rules.map((r: any) => r.text)).toContain("Be kind at the table");
    const afterRule = await etagOf("/api/v2/instance");
    expect(afterRule).not.toBe(before);
    const put = await s.api("PUT", "/api/v1/admin/hearth/settings", { token: owner.token, json: { site_title: "Kitchen Table" } });
    expect(put.status).toBe(200);
    expect((await json("/api/v2/instance")).title).toBe("Kitchen Table");
    expect((await json("/api/v1/instance")).title).toBe("Kitchen Table");
    expect((await json("/nodeinfo/2.1")).metadata.nodeName).toBe("Kitchen Table");
    expect(await etagOf("/api/v2/instance")).not.toBe(afterRule);
    await expectAllEqualUncached();
  });

  test("a setting changed by the CLI in another process while the server runs shows at once", async () => {
    expect((await json("/api/v1/instance")).title).toBe("Kitchen Table");
    const p = Bun.spawn(["node_modules/.bin/bun", "src/main.ts", "admin", "settings", "set", "site_title", "Porch"], {
      env: { ...process.env, DATA_DIR: s.dataDir, LOG_LEVEL: "error" },
      stdout: "pipe",
      stderr: "pipe",
    });
    expect(await p.exited).toBe(0);
    expect((await json("/api/v1/instance")).title).toBe("Porch");
    expect((await json("/api/v2/instance")).title).toBe("Porch");
    expect((await json("/nodeinfo/2.0")).metadata.nodeName).toBe("Porch");
    await expectAllEqualUncached();
  }, 20_000);

  test("a profile edit changes the actor document and the instance's contact account; an avatar changes WebFinger", async () => {
    const actorTag = await etagOf("/users/pat", AP);
    const wfPath = `/.well-known/webfinger?resource=acct:pat@${s.domain}`;
    const wfTag = await etagOf(wfPath);
    await pat.client.v1.accounts.updateCredentials({ displayName: "Pat the Cook" });
    expect((await json("/users/pat", AP)).name).toBe("Pat the Cook");
    expect(await etagOf("/users/pat", AP)).not.toBe(actorTag);
    const png = await gradient(64, 64, "png");
    const fd = new FormData();
    fd.set("avatar", new File([png], "a.png", { type: "image/png" }));
    const up = await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: pat.token, body: fd });
    expect(up.status).toBe(200);
    await s.drain();
    expect((await json(wfPath)).links.map((l: any) => l.rel)).toContain("http://webfinger.net/rel/avatar");
    expect(await etagOf(wfPath)).not.toBe(wfTag);
    // The contact account (the owner) is shown whole in the instance documents.
    await owner.client.v1.accounts.updateCredentials({ displayName: "The Boss" });
    expect((await json("/api/v1/instance")).contact_account.display_name).toBe("The Boss");
    expect((await json("/api/v2/instance")).contact.account.display_name).toBe("The Boss");
    await expectAllEqualUncached();
  }, 20_000);

  test("an emoji added shows in /api/v1/custom_emojis and in the actor of an account whose name uses it", async () => {
    await pat.client.v1.accounts.updateCredentials({ displayName: "Pat :pie:" });
    expect((await json("/users/pat", AP)).tag).toEqual([]);
    const fd = new FormData();
    fd.set("shortcode", "pie");
    fd.set("image", new File([await gradient(16, 16, "png")], "pie.png", { type: "image/png" }));
    const up = await s.api("POST", "/api/v1/admin/hearth/custom_emojis", { token: owner.token, body: fd });
    expect(up.status).toBe(200);
    expect((await json("/api/v1/custom_emojis")).map((e: any) => e.shortcode)).toEqual(["pie"]);
    expect((await json("/users/pat", AP)).tag.map((t: any) => t.name)).toEqual([":pie:"]);
    await expectAllEqualUncached();
  }, 20_000);

  test("the counts are refreshed once the interval has passed, not per request", async () => {
    const v1 = await json("/api/v1/instance");
    const ni = await json("/nodeinfo/2.1");
    await pat.client.v1.statuses.create({ status: "counted later" });
    await s.createUser("newcomer");
    expect((await json("/api/v1/instance")).stats).toEqual(v1.stats);
    expect((await json("/nodeinfo/2.1")).usage).toEqual(ni.usage);
    s.clock.advance(USAGE_REFRESH_MS - 1);
    expect((await json("/api/v1/instance")).stats).toEqual(v1.stats);
    s.clock.advance(1);
    const after = await json("/api/v1/instance");
    expect(after.stats.status_count).toBe(v1.stats.status_count + 1);
    expect(after.stats.user_count).toBe(v1.stats.user_count + 1);
    expect((await json("/nodeinfo/2.1")).usage.localPosts).toBe(ni.usage.localPosts + 1);
    await expectAllEqualUncached();
  });
});
