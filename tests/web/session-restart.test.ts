/**
 * Sign-in that remembers (issue 16): the web client's token lives in localStorage and the server
 * keeps it in SQLite, so after the server restarts (a new process on the same data directory) a
 * reload lands on Home without signing in again.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser } from "playwright-core";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { startServer, type Server } from "../../src/server";
import { closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser | undefined;
let again: { ctx: AppContext; server: Server } | null = null;

afterAll(async () => {
  if (again) {
    await again.server.stop();
    again.ctx.db.close();
  }
  await closeScene(browser, s);
});

describe.skipIf(!built)("a session across a server restart", () => {
  test("the token is kept in localStorage and still works after the restart", async () => {
    const gil = await s.createUser("gil");
    browser = await launch();
    const p = await newPage(browser, 375, 812);
    await signIn(p, s.url, gil, "gil");
    const stored = await p.evaluate(() => Object.values(localStorage).find((v) => v.includes("accessToken")) ?? "");
    const token = (JSON.parse(stored) as { accessToken: string }).accessToken;
    expect(token.length).toBeGreaterThan(20);

    await s.server.stop();
    const ctx = createContext(s.ctx.config, { log: createLogger("error") });
    again = { ctx, server: startServer(ctx, { port: s.port, runJobs: false }) };
    await p.reload();
    await p.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    expect(await p.getByRole("button", { name: "Sign in" }).count()).toBe(0);
    const me = await fetch(`${s.url}/api/v1/accounts/verify_credentials`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { username: string }).username).toBe("gil");
    await shot(p, "session-after-restart");
  });
});
