/**
 * Mail as durable jobs: with the SMTP server down the job stays queued with backoff and is sent
 * once the server is back (its link still works); without SMTP_SERVER nothing is queued and
 * accounts work as before.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { freePort, startTestServer, type TestServer } from "../rig";
import { registerApp } from "../api/oauth/browser";
import { Browser, formFor, loggedIn } from "../web-pages/security/helpers";
import { linkIn, startSmtp, type SmtpSink } from "./smtp";

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function server(env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startTestServer({ frozen: true, runJobs: false, env });
  stops.push(() => s.stop());
  return s;
}

type JobRow = { attempts: number; run_at: number; last_error: string | null };

describe("SMTP down", () => {
  test("the mail job retries with backoff and the mail arrives when the server is back", async () => {
    const port = freePort();
    const s = await server({ SMTP_SERVER: "127.0.0.1", SMTP_PORT: String(port) });
    await s.createUser("ivy");
    const b = new Browser(s.url);
    const forgot = formFor(await b.page("/auth/password/new"), "/auth/password");
    expect((await b.post("/auth/password", { ...forgot.hidden, email: "ivy@example.com" })).status).toBe(200);

    const job = () => s.ctx.db.query("SELECT attempts, run_at, last_error FROM jobs WHERE kind = 'mail.send'").get() as JobRow | null;
    await s.drain();
    const failed = job()!;
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    expect(failed.run_at).toBeGreaterThan(s.ctx.now() + 15_000);

    let smtp: SmtpSink | null = null;
    try {
      smtp = await startSmtp({ port });
      await s.drain();
      expect(smtp.received).toHaveLength(0); // not due yet
      s.clock.set(failed.run_at);
      await s.drain();
      expect(job()).toBeNull();
      expect(smtp.to("ivy@example.com").map((m) => m.subject)).toEqual(["Reset your password - Hearth"]);
      const link = linkIn(smtp.received[0]!, `${s.url}/auth/password/edit`);
      expect((await b.get(link)).status).toBe(200);
    } finally {
      await smtp?.stop();
    }
  });
});

describe("without SMTP", () => {
  test("sign-up is confirmed at once, nothing is queued, no reset link is offered, an e-mail change applies at once", async () => {
    const s = await server();
    const app = await registerApp(s.url, { client_name: "x", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
    const tok = (await (
      await s.api("POST", "/oauth/token", {
        form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "read write" },
      })
    ).json()) as { access_token: string };
    const res = await s.api("POST", "/api/v1/accounts", {
      token: tok.access_token,
      json: { username: "jo", email: "jo@example.com", password: "jo-password-1", agreement: true },
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token })).status).toBe(200);

    const kim = await s.createUser("kim");
    await loggedIn(s, kim, "kim");
    const b = await loggedIn(s, kim, "kim", "Other browser/1.0");
    const form = formFor(await b.page("/auth/security"), "/auth/security/email");
    expect(
      (await b.post("/auth/security/email", { ...form.hidden, email: "kim@new.example", current_password: kim.password })).status,
    ).toBe(303);
    expect((s.ctx.db.query("SELECT email FROM users WHERE id = ?").get(kim.user.id) as { email: string }).email).toBe("kim@new.example");

    expect(await new Browser(s.url).page("/auth/sign_in")).not.toContain("Forgot your password?");
    expect(await new Browser(s.url).page("/auth/password/new")).toContain("This server does not send e-mail");
    expect(s.count("jobs", "kind LIKE 'mail.%'")).toBe(0);
  });
});
