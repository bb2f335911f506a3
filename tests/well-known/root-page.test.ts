import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { hasWebClient } from "../../src/web-client";
import { rootHtml } from "../../src/web-pages/root";

let s: TestServer;
beforeAll(async () => { s = await startTestServer({ env: { INSTANCE_TITLE: "Cosy <b>& Warm</b>" } }); });
afterAll(() => s.stop());

/** The root page over HTTP when it owns `/`; otherwise (web client embedded) rendered directly. */
async function page(): Promise<string> {
  if (hasWebClient()) return rootHtml(s.ctx);
  const res = await s.api("GET", "/");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  return res.text();
}

describe("GET / (server-rendered fallback page)", () => {
  test("escaped title and first-run instructions while there are no users", async () => {
    const html = await page();
    expect(html).toContain("<title>Cosy &lt;b&gt;&amp; Warm&lt;/b&gt;</title>");
    expect(html).not.toContain("<b>&");
    expect(html).toContain("hearth admin accounts create NAME --email E --role owner");
  });
  test("instructions disappear once an account exists", async () => {
    await s.createUser("owner", { role: "owner" });
    const html = await page();
    expect(html).not.toContain("admin accounts create");
    expect(html).toContain("1 user.");
  });
  test("the web client, when embedded, owns / instead", async () => {
    const res = await s.api("GET", "/", { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    if (hasWebClient()) expect(html).not.toContain("Cosy &lt;b&gt;");
    else expect(html).toContain("Cosy &lt;b&gt;");
  });
});
