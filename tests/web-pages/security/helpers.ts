/**
 * Helpers for the account security page tests: a cookie-keeping fetch "browser", a form parser,
 * an independent TOTP (RFC 6238) implementation, and logging in through /auth/sign_in.
 */
import { createHmac } from "node:crypto";
import type { TestServer, TestUser } from "../../rig";

/** A cookie-keeping fetch client with an optional User-Agent; redirects are not followed. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly userAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  ) {}

  private store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const v = pair!.slice(i + 1);
      if (v === "" || /Max-Age=0/i.test(c)) this.cookies.delete(pair!.slice(0, i));
      else this.cookies.set(pair!.slice(0, i), v);
    }
  }
  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), "user-agent": this.userAgent, ...extra };
  }
  async get(path: string): Promise<Response> {
    const res = await fetch(new URL(path, this.base), { headers: this.headers(), redirect: "manual" });
    this.store(res);
    return res;
  }
  async post(path: string, form: Record<string, string>, extra: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method: "POST",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded", ...extra }),
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    this.store(res);
    return res;
  }
  /** GET a page and expect 200 HTML. */
  async page(path: string): Promise<string> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.headers.get("location") ?? ""}`);
    return res.text();
  }
}

/** One <form method="post"> of a page: where it posts, its hidden fields and its visible field names. */
export interface Form {
  action: string;
  hidden: Record<string, string>;
  names: string[];
  html: string;
}

const unesc = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Every post form of a page, in order. */
export function forms(html: string): Form[] {
  return [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].map((m) => {
    const hidden: Record<string, string> = {};
    for (const h of m[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) hidden[unesc(h[1]!)] = unesc(h[2]!);
    const names = [...m[2]!.matchAll(/<input type="(?:text|password)"[^>]* name="([^"]*)"/g)].map((x) => x[1]!);
    return { action: unesc(m[1]!), hidden, names, html: m[2]! };
  });
}

/** The form posting to `action` (throws when the page has none). */
export function formFor(html: string, action: string | RegExp): Form {
  const f = forms(html).find((x) => (typeof action === "string" ? x.action === action : action.test(x.action)));
  if (!f) throw new Error(`no form for ${action} in page:\n${html.slice(0, 2000)}`);
  return f;
}

/** RFC 4648 base32 decoding, written independently of the server's. */
function base32(s: string): Buffer {
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of s.replace(/[\s=]/g, "").toUpperCase()) bits += A.indexOf(c).toString(2).padStart(5, "0");
  const out: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(out);
}

/** The 6-digit TOTP code of a base32 secret for a 30-second step (HMAC-SHA1, RFC 6238). */
export function totp(secret: string, step: number): string {
  const msg = Buffer.alloc(8);
  msg.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
  msg.writeUInt32BE(step % 2 ** 32, 4);
  const h = createHmac("sha1", base32(secret)).update(msg).digest();
  const o = h[19]! & 15;
  const n = h.readUInt32BE(o) & 0x7fffffff;
  return String(n % 1_000_000).padStart(6, "0");
}

/** The step of a time in ms. */
export const stepOf = (ms: number) => Math.floor(ms / 30_000);

/** The secret shown on the setup page (spaces removed). */
export function secretOnPage(html: string): string {
  const m = /<code id="otp-secret">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!m) throw new Error("no secret on the page");
  return m[1]!.replace(/ /g, "");
}

/** The recovery codes shown on a page. */
export function recoveryCodesOnPage(html: string): string[] {
  const list = /<ul id="recovery-codes">([\s\S]*?)<\/ul>/.exec(html);
  return list ? [...list[1]!.matchAll(/<code>([0-9a-f]+)<\/code>/g)].map((m) => m[1]!) : [];
}

/** Logs in through /auth/sign_in with the password; returns the page the login answered with. */
export async function passwordStep(
  s: TestServer,
  b: Browser,
  user: TestUser,
  login: string,
  returnTo = "/auth/security",
): Promise<Response> {
  const page = await (await b.get(`/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`)).text();
  return b.post("/auth/sign_in", { ...formFor(page, "/auth/sign_in").hidden, login, password: user.password });
}

/** A browser logged in to the security pages (user without two-factor authentication). */
export async function loggedIn(s: TestServer, user: TestUser, login: string, userAgent?: string): Promise<Browser> {
  const b = new Browser(s.url, userAgent);
  const res = await passwordStep(s, b, user, login);
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return b;
}
