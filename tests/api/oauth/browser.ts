/** A tiny cookie-keeping "browser" for driving the server-rendered OAuth forms with fetch. */
import { s256 } from "../../../src/services/oauth/pkce";

export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async get(path: string): Promise<Response> {
    const res = await fetch(new URL(path, this.base), { headers: { cookie: this.cookieHeader() }, redirect: "manual" });
    this.store(res);
    return res;
  }
  async post(path: string, form: Record<string, string>): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method: "POST",
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    this.store(res);
    return res;
  }
}

/** Reads every `<input type="hidden">` of the first form into a map. */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  const unesc = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) out[unesc(m[1]!)] = unesc(m[2]!);
  return out;
}

/** A random PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString("base64url");
  return { verifier, challenge: s256(verifier) };
}

/** Registers an app over HTTP and returns its credentials. */
export async function registerApp(
  url: string,
  body: Record<string, unknown>,
): Promise<{ client_id: string; client_secret: string; id: string }> {
  const res = await fetch(`${url}/api/v1/apps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`app registration failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
}

/**
 * Runs login + consent in the browser for an app and returns the `code` (and state) from the redirect.
 */
export async function authorizeCode(
  b: Browser,
  q: Record<string, string>,
  login: { login: string; password: string },
): Promise<{ code: string; state: string | null; location: string }> {
  const page = await b.get(`/oauth/authorize?${new URLSearchParams(q)}`);
  let html = await page.text();
  if (html.includes('name="password"')) {
    const res = await b.post("/oauth/authorize", { ...hiddenFields(html), ...login });
    if (res.status !== 303) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    html = await (await b.get(res.headers.get("location")!)).text();
  }
  const res = await b.post("/oauth/authorize", { ...hiddenFields(html), decision: "authorize" });
  if (res.status !== 302) throw new Error(`consent failed: ${res.status} ${await res.text()}`);
  const location = res.headers.get("location")!;
  const u = new URL(location);
  return { code: u.searchParams.get("code")!, state: u.searchParams.get("state"), location };
}
