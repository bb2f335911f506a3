/**
 * E-mail against a real SMTP server on 127.0.0.1 (with a login): every flow follows the links in
 * the mail it received over real HTTP. Sign-up confirmation (and resending it through the API),
 * password reset, e-mail change, security notices and the notification digest.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { registerApp } from "../api/oauth/browser";
import { Browser, formFor, loggedIn, stepOf, totp } from "../web-pages/security/helpers";
import { adminDisableTwoFactor, beginTwoFactorSetup, enableTwoFactor } from "../../src/services/security/two-factor";
import { linkIn, SMTP_LOGIN, startSmtp, type SmtpSink } from "./smtp";

let s: TestServer;
let smtp: SmtpSink;
let app: { client_id: string; client_secret: string };

const FROM = "Hearth Mail <hearth@mail.example>";

beforeAll(async () => {
  smtp = await startSmtp({ auth: true });
  s = await startTestServer({
    frozen: true,
    runJobs: false,
    env: {
      INSTANCE_TITLE: "Family Hearth",
      SMTP_SERVER: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_LOGIN: SMTP_LOGIN.user,
      SMTP_PASSWORD: SMTP_LOGIN.pass,
      SMTP_FROM_ADDRESS: FROM,
    },
  });
  app = await registerApp(s.url, { client_name: "Signup app", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
});
afterAll(async () => {
  await s.stop();
  await smtp.stop();
});

const grant = (username: string, password: string) =>
  s.api("POST", "/oauth/token", {
    form: { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username, password, scope: "read" },
  });
const appToken = async (a = app) =>
  (
    (await (
      await s.api("POST", "/oauth/token", {
        form: { grant_type: "client_credentials", client_id: a.client_id, client_secret: a.client_secret, scope: "read write" },
      })
    ).json()) as { access_token: string }
  ).access_token;
const me = (token: string) => s.api("GET", "/api/v1/accounts/verify_credentials", { token });
const confirmed = async (token: string) => (await s.api("GET", "/api/v1/emails/check_confirmation", { token })).json();

describe("sign-up confirmation", () => {
  test("sign up → mail → confirm link → the account works; the link works once", async () => {
    const res = await s.api("POST", "/api/v1/accounts", {
      token: await appToken(),
      json: { username: "carol", email: "carol@example.net", password: "carol-password-1", agreement: true, locale: "en" },
    });
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { access_token: string }).access_token;
    // Until the address is confirmed the account cannot sign in, as Mastodon.
    expect((await me(token)).status).toBe(401);
    expect((await grant("carol", "carol-password-1")).status).toBe(400);
    expect(await confirmed(token)).toBe(false);

    await s.drain();
    const [mail, ...rest] = smtp.to("carol@example.net");
    expect(rest).toHaveLength(0);
    expect(mail!.subject).toBe("Confirm your e-mail address - Family Hearth");
    expect(mail!.from).toBe("hearth@mail.example");
    expect(mail!.text).toContain("Hello @carol");
    const link = linkIn(mail!, `${s.url}/auth/confirmation?confirmation_token=`);
    expect(mail!.html).toContain(link.replace(/&/g, "&amp;"));

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("successfully confirmed");
    expect((await me(token)).status).toBe(200);
    expect(await confirmed(token)).toBe(true);
    expect((await grant("carol", "carol-password-1")).status).toBe(200);
    expect((await fetch(link)).status).toBe(404);
    // Confirmed: nothing left to resend.
    const again = await s.api("POST", "/api/v1/emails/confirmations", { token });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: "This method is only available while the e-mail is awaiting confirmation" });
  });

  test("POST /api/v1/emails/confirmations resends to a corrected address; only the newest link works", async () => {
    const res = await s.api("POST", "/api/v1/accounts", {
      token: await appToken(),
      json: { username: "dan", email: "dan@typo.example", password: "dan-password-1", agreement: true },
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    await s.drain();
    const first = linkIn(smtp.to("dan@typo.example")[0]!, `${s.url}/auth/confirmation`);

    // Only the app the user signed up with may resend it; a bad address is a 422 as for sign-up.
    const danId = (s.ctx.db.query("SELECT id FROM users WHERE email = ?").get("dan@typo.example") as { id: number }).id;
    const foreign = await s.api("POST", "/api/v1/emails/confirmations", { token: s.token(danId, ["read"]) });
    expect(foreign.status).toBe(403);
    expect((await s.api("POST", "/api/v1/emails/confirmations", { token: await appToken() })).status).toBe(422);
    const bad = await s.api("POST", "/api/v1/emails/confirmations", { token, json: { email: "not an address" } });
    expect(bad.status).toBe(422);

    const ok = await s.api("POST", "/api/v1/emails/confirmations", { token, json: { email: "dan@right.example" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
    await s.drain();
    const second = linkIn(smtp.to("dan@right.example")[0]!, `${s.url}/auth/confirmation`);
    expect((await fetch(first)).status).toBe(404);
    expect((await me(token)).status).toBe(401);
    expect((await fetch(second)).status).toBe(200);
    expect((await me(token)).status).toBe(200);
    expect((await grant("dan@right.example", "dan-password-1")).status).toBe(200);
  });
});

describe("password reset", () => {
  test("forgot password → mail → reset page → the new password works, the old does not, every session ends", async () => {
    const dave = await s.createUser("dave");
    const b = new Browser(s.url);
    const signIn = await b.page("/auth/sign_in");
    expect(signIn).toContain('<a href="/auth/password/new">Forgot your password?</a>');
    const forgot = formFor(await b.page("/auth/password/new"), "/auth/password");

    // An unknown address gets the same answer and no mail.
    const unknown = await b.post("/auth/password", { ...forgot.hidden, email: "nobody@example.com" });
    const answer = await b.post("/auth/password", { ...forgot.hidden, email: "DAVE@example.com" });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(await unknown.text());
    await s.drain();
    expect(smtp.to("nobody@example.com")).toHaveLength(0);
    const mails = smtp.to("dave@example.com");
    expect(mails.map((m) => m.subject)).toEqual(["Reset your password - Family Hearth"]);

    const link = linkIn(mails[0]!, `${s.url}/auth/password/edit?reset_password_token=`);
    const form = formFor(await b.page(link), "/auth/password/edit");
    expect(form.names).toEqual(["password", "password_confirmation"]);
    const mismatch = await b.post("/auth/password/edit", { ...form.hidden, password: "new-pass-123", password_confirmation: "other-pass" });
    expect(mismatch.status).toBe(422);
    const done = await b.post("/auth/password/edit", { ...form.hidden, password: "new-pass-123", password_confirmation: "new-pass-123" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Your password has been changed");

    expect((await grant("dave", dave.password)).status).toBe(400);
    expect((await grant("dave", "new-pass-123")).status).toBe(200);
    expect((await me(dave.token)).status).toBe(401);
    // Single use.
    expect((await b.get(link)).status).toBe(404);
    const reuse = await b.post("/auth/password/edit", {
      ...form.hidden,
      password: "third-pass-123",
      password_confirmation: "third-pass-123",
    });
    expect(reuse.status).toBe(422);
    expect((await grant("dave", "new-pass-123")).status).toBe(200);

    await s.drain();
    expect(smtp.to("dave@example.com").map((m) => m.subject)).toContain("Your password was changed - Family Hearth");
  });

  test("an expired link no longer works", async () => {
    await s.createUser("eve");
    const b = new Browser(s.url);
    const forgot = formFor(await b.page("/auth/password/new"), "/auth/password");
    await b.post("/auth/password", { ...forgot.hidden, email: "eve@example.com" });
    await s.drain();
    const link = linkIn(smtp.to("eve@example.com")[0]!, `${s.url}/auth/password/edit`);
    s.clock.advance(6 * 3600_000 + 1000);
    expect((await b.get(link)).status).toBe(404);
  });
});

describe("e-mail change", () => {
  test("the address changes only after the link sent to the new one is followed; the old one is told", async () => {
    const erin = await s.createUser("erin");
    const b = await loggedIn(s, erin, "erin");
    const form = formFor(await b.page("/auth/security"), "/auth/security/email");
    const wrong = await b.post("/auth/security/email", { ...form.hidden, email: "erin@new.example", current_password: "nope" });
    expect(wrong.status).toBe(422);
    const res = await b.post("/auth/security/email", { ...form.hidden, email: "erin@new.example", current_password: erin.password });
    expect(res.status).toBe(303);
    const email = () => (s.ctx.db.query("SELECT email FROM users WHERE id = ?").get(erin.user.id) as { email: string }).email;
    expect(email()).toBe("erin@example.com");
    expect(await b.page("/auth/security")).toContain("Waiting for confirmation: <strong>erin@new.example</strong>");

    await s.drain();
    const toOld = smtp.to("erin@example.com");
    expect(toOld.map((m) => m.subject)).toEqual(["Your e-mail address is being changed - Family Hearth"]);
    expect(toOld[0]!.text).toContain("erin@new.example");
    const toNew = smtp.to("erin@new.example");
    expect(toNew.map((m) => m.subject)).toEqual(["Confirm your new e-mail address - Family Hearth"]);
    const page = await fetch(linkIn(toNew[0]!, `${s.url}/auth/confirmation`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Your e-mail address is now erin@new.example.");
    expect(email()).toBe("erin@new.example");
    expect((await grant("erin@new.example", erin.password)).status).toBe(200);
    expect((await grant("erin@example.com", erin.password)).status).toBe(400);
  });
});

describe("security notices", () => {
  test("a sign-in from a new browser sends a notice; the first one and a known browser do not", async () => {
    const frank = await s.createUser("frank");
    await loggedIn(s, frank, "frank");
    await loggedIn(s, frank, "frank");
    await s.drain();
    expect(smtp.to("frank@example.com")).toHaveLength(0);
    const chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    await loggedIn(s, frank, "frank", chrome);
    await s.drain();
    const mails = smtp.to("frank@example.com");
    expect(mails.map((m) => m.subject)).toEqual(["New sign-in to your account - Family Hearth"]);
    expect(mails[0]!.text).toContain("IP address: 127.0.0.1");
    expect(mails[0]!.text).toContain("Chrome/130.0");
    expect(linkIn(mails[0]!, s.url)).toBe(`${s.url}/auth/security`);
  });

  test("password changed and two-factor on and off send notices", async () => {
    const gus = await s.createUser("gus");
    const b = await loggedIn(s, gus, "gus");
    const pw = formFor(await b.page("/auth/security"), "/auth/security/password");
    await b.post("/auth/security/password", {
      ...pw.hidden,
      current_password: gus.password,
      password: "gus-new-pass",
      password_confirmation: "gus-new-pass",
    });
    const secret = beginTwoFactorSetup(s.ctx, gus.user.id);
    await enableTwoFactor(s.ctx, gus.user.id, "gus-new-pass", totp(secret, stepOf(s.ctx.now())));
    adminDisableTwoFactor(s.ctx, gus.user.id);
    await s.drain();
    expect(smtp.to("gus@example.com").map((m) => m.subject)).toEqual([
      "Your password was changed - Family Hearth",
      "Two-factor authentication enabled - Family Hearth",
      "Two-factor authentication disabled - Family Hearth",
    ]);
  });
});

describe("notification digest", () => {
  test("a user with the digest on who has been away gets unread notifications once", async () => {
    const gina = await s.createUser("gina");
    const hal = await s.createUser("hal");
    const b = await loggedIn(s, gina, "gina");
    const form = formFor(await b.page("/auth/security"), "/auth/security/digest");
    expect((await b.post("/auth/security/digest", form.hidden)).status).toBe(303);
    expect(await b.page("/auth/security")).toContain("Notification digest is <strong>on</strong>");
    const post = await s.api("POST", "/api/v1/statuses", { token: hal.token, json: { status: "@gina dinner at seven?" } });
    expect(post.status).toBe(200);
    const sweep = async () => {
      s.ctx.jobs.enqueue("mail.digest_sweep", {});
      await s.drain();
      return smtp.to("gina@example.com");
    };
    expect(await sweep()).toHaveLength(0); // seen just now
    s.clock.advance(2 * 24 * 3600_000);
    const mails = await sweep();
    expect(mails.map((m) => m.subject)).toEqual(["1 new notification since your last visit - Family Hearth"]);
    expect(mails[0]!.text).toContain("@hal mentioned you: “@gina dinner at seven?”");
    expect(linkIn(mails[0]!, s.url)).toBe(`${s.url}/notifications`);
    expect(await sweep()).toHaveLength(1); // each notification is mailed once
  });
});
