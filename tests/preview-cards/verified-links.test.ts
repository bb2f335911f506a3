/**
 * Verified profile links: a page on 127.0.0.1 that links back with rel="me" verifies the field,
 * one without does not, a changed value is cleared and checked again, and a remote account's
 * links are verified by this server itself (as Mastodon does), whatever the actor says.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { upsertRemoteActor } from "../../src/services/federation/upsert-actor";

let s: TestServer;
let alice: TestUser;
let web: ReturnType<typeof Bun.serve>;
const base = () => `http://127.0.0.1:${web.port}`;
const html = (body: string) =>
  new Response(`<!doctype html><html><head></head><body>${body}</body></html>`, { headers: { "Content-Type": "text/html" } });

beforeAll(async () => {
  web = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req) {
      const p = new URL(req.url).pathname;
      if (p === "/me-a") return html(`<a rel="me nofollow" href="${s.url}/@alice">me</a>`);
      if (p === "/me-link")
        return new Response(`<html><head><link rel="me" href="${s.url}/users/alice"></head></html>`, {
          headers: { "Content-Type": "text/html" },
        });
      if (p === "/other") return html(`<a href="${s.url}/@alice">not rel=me</a><a rel="me" href="https://elsewhere.test/@alice">x</a>`);
      if (p === "/remote-me") return html(`<a rel="me" href="https://remote.test/@rem">me</a>`);
      return new Response("nope", { status: 404 });
    },
  });
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
});
afterAll(async () => {
  await s.stop();
  web.stop(true);
});

async function setFields(fields: { name: string; value: string }[]): Promise<any[]> {
  const r = await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: alice.token, json: { fields_attributes: fields } });
  expect(r.status).toBe(200);
  return ((await r.json()) as any).fields;
}

const shown = async () => ((await (await s.api("GET", `/api/v1/accounts/${alice.id}`)).json()) as any).fields;

describe("verified profile links", () => {
  test("rel=me on <a> or <link> (profile URL or actor URI) verifies; a page without it does not", async () => {
    const fields = await setFields([
      { name: "A", value: `${base()}/me-a` },
      { name: "Link", value: `${base()}/me-link` },
      { name: "Other", value: `${base()}/other` },
      { name: "Text", value: "not a link" },
    ]);
    expect(fields.every((f) => f.verified_at === null)).toBe(true);
    expect(s.count("jobs", "kind = 'accounts.verify_links'")).toBe(1);
    await s.drain();
    const f = await shown();
    expect(typeof f[0].verified_at).toBe("string");
    expect(typeof f[1].verified_at).toBe("string");
    expect(f[2].verified_at).toBeNull();
    expect(f[3].verified_at).toBeNull();
  });

  test("an unchanged value keeps its verification; a changed one is cleared and checked again", async () => {
    const before = await shown();
    const fields = await setFields([
      { name: "A", value: `${base()}/me-a` },
      { name: "Link", value: `${base()}/other` },
    ]);
    expect(fields[0].verified_at).toBe(before[0].verified_at);
    expect(fields[1].verified_at).toBeNull();
    await s.drain();
    expect((await shown())[1].verified_at).toBeNull();
    await setFields([
      { name: "A", value: `${base()}/me-a` },
      { name: "Link", value: `${base()}/me-link` },
    ]);
    await s.drain();
    expect(typeof (await shown())[1].verified_at).toBe("string");
  });

  test("nothing to check: no job", async () => {
    const n = s.count("jobs");
    await setFields([{ name: "Plain", value: "words" }]);
    expect(s.count("jobs", "kind = 'accounts.verify_links'")).toBe(0);
    expect(s.count("jobs")).toBeGreaterThanOrEqual(n);
  });

  test("a remote account's links are checked here; a verified_at in the actor is not trusted", async () => {
    const link = (href: string) => `<a href="${href}" rel="me nofollow noopener" target="_blank">${href}</a>`;
    const actor = {
      "@context": ["https://www.w3.org/ns/activitystreams"],
      id: "https://remote.test/users/rem",
      type: "Person",
      preferredUsername: "rem",
      url: "https://remote.test/@rem",
      inbox: "https://remote.test/users/rem/inbox",
      publicKey: { id: "https://remote.test/users/rem#main-key", owner: "https://remote.test/users/rem", publicKeyPem: "x" },
      attachment: [
        { type: "PropertyValue", name: "Site", value: link(`${base()}/remote-me`) },
        { type: "PropertyValue", name: "Other", value: link(`${base()}/other`), verified_at: "2020-01-01T00:00:00Z" },
      ],
    };
    const row = upsertRemoteActor(s.ctx, actor);
    const job = s.ctx.db.query<{ run_at: number }, []>("SELECT run_at FROM jobs WHERE kind = 'accounts.verify_links'").get()!;
    expect(job.run_at - s.ctx.now()).toBeLessThanOrEqual(600_000);
    s.ctx.db.query("UPDATE jobs SET run_at = 0 WHERE kind = 'accounts.verify_links'").run();
    await s.drain();
    const f = ((await (await s.api("GET", `/api/v1/accounts/${row.id}`)).json()) as any).fields;
    expect(typeof f[0].verified_at).toBe("string");
    expect(f[1].verified_at).toBeNull();
    // A refresh with the same values keeps the stamp and schedules nothing for it.
    upsertRemoteActor(s.ctx, actor);
    const again = ((await (await s.api("GET", `/api/v1/accounts/${row.id}`)).json()) as any).fields;
    expect(again[0].verified_at).toBe(f[0].verified_at);
  });
});
