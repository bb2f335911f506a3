import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { hasWebClient } from "../../src/web-client";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { INSTANCE_TITLE: "Cosy <b>& Warm</b>" } });
});
afterAll(() => s.stop());

async function page(): Promise<string> {
  const res = await s.api("GET", "/", { headers: { accept: "text/html" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  return res.text();
}

describe("GET /", () => {
  test("with no accounts: escaped title and how to create the owner account", async () => {
    const html = await page();
    expect(html).toContain("<title>Cosy &lt;b&gt;&amp; Warm&lt;/b&gt;</title>");
    expect(html).not.toContain("<b>&");
    expect(html).toContain("hearth admin accounts create NAME --email E --role owner");
  });
  test("once an account exists the web client (or the plain page without it) takes over", async () => {
    await s.createUser("owner", { role: "owner" });
    const html = await page();
    expect(html).not.toContain("admin accounts create");
    if (hasWebClient()) {
      // The web client's page, carrying the visitor's landing page (issue 15) until its script runs.
      expect(html).toMatch(/<script type="module"[^>]*src="\/assets\//);
      expect(html).toContain('<h1 id="site-title">Cosy &lt;b&gt;&amp; Warm&lt;/b&gt;</h1>');
      expect(html).not.toContain("<b>&");
    } else expect(html).toContain("1 user.");
  });
});
