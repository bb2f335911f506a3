import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { HEARTH_VERSION } from "../../src/version";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { INSTANCE_TITLE: "Node <Info>" } });
  const u = await s.createUser("alice");
  const t = Date.now();
  s.ctx.db
    .query("INSERT INTO statuses (id, uri, account_id, local, content, created_at, updated_at) VALUES (?, 'x:1', ?, 1, 'hi', ?, ?)")
    .run(s.ctx.ids.next(), u.account.id, t, t);
});
afterAll(() => s.stop());

describe("well-known documents", () => {
  test("host-meta is XRD with the WebFinger template", async () => {
    const res = await s.api("GET", "/.well-known/host-meta");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("application/xrd+xml");
    const xml = await res.text();
    expect(xml).toContain('<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">');
    expect(xml).toContain(`<Link rel="lrdd" template="${s.url}/.well-known/webfinger?resource={uri}"/>`);
  });

  test("nodeinfo discovery links both schemas", async () => {
    const res = await s.api("GET", "/.well-known/nodeinfo");
    expect(await res.json()).toEqual({
      links: [
        { rel: "http://nodeinfo.diaspora.software/ns/schema/2.0", href: `${s.url}/nodeinfo/2.0` },
        { rel: "http://nodeinfo.diaspora.software/ns/schema/2.1", href: `${s.url}/nodeinfo/2.1` },
      ],
    });
  });

  for (const v of ["2.0", "2.1"]) {
    test(`nodeinfo ${v} document and profile content type`, async () => {
      const res = await s.api("GET", `/nodeinfo/${v}`);
      expect(res.headers.get("content-type")).toBe(`application/json; profile="http://nodeinfo.diaspora.software/ns/schema/${v}#"`);
      const doc = (await res.json()) as any;
      expect(doc).toMatchObject({
        version: v,
        software: { name: "hearth", version: HEARTH_VERSION },
        protocols: ["activitypub"],
        services: { outbound: [], inbound: [] },
        usage: { users: { total: 1, activeMonth: 1, activeHalfyear: 1 }, localPosts: 1 },
        openRegistrations: true,
        metadata: { nodeName: "Node <Info>" },
      });
      expect(/^[a-z0-9]+$/.test(doc.software.name)).toBe(true);
    });
  }
});
