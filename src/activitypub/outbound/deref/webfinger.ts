/** WebFinger client: `user@domain` → subject and actor URI, over the SSRF-safe fetch. */
import type { AppContext } from "../../../context";
import { FetchError, safeFetch } from "../fetch";
import { asArray, isHttpUrl } from "../../../serializers/activitypub/json-ld";

/** What a WebFinger lookup tells: the canonical handle and the ActivityPub actor. */
export interface WebfingerResult {
  username: string;
  domain: string;
  actorUri: string;
}

const AP_TYPES = [
  "application/activity+json",
  'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
  "application/ld+json",
];

/** Splits `user@domain` (optional leading `@` or `acct:`); null when malformed. */
export function splitHandle(handle: string): { username: string; domain: string } | null {
  const s = handle
    .trim()
    .replace(/^acct:/i, "")
    .replace(/^@/, "");
  const at = s.indexOf("@");
  if (at <= 0 || at === s.length - 1) return null;
  const username = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (!/^[a-z0-9_.~-]+$/i.test(username) || !/^[a-z0-9.-]+(:\d{1,5})?$/i.test(domain)) return null;
  return { username, domain };
}

/** The scheme for remote lookups: https, or the configured one when private addresses are allowed (tests). */
export function remoteScheme(ctx: AppContext): string {
  return ctx.config.allowPrivateAddresses ? ctx.config.protocol : "https";
}

/** Looks up `user@domain`; throws FetchError when the server has no usable answer. */
export async function webfinger(ctx: AppContext, handle: string): Promise<WebfingerResult> {
  const h = splitHandle(handle);
  if (!h) throw new FetchError(`malformed handle ${handle}`);
  const url = `${remoteScheme(ctx)}://${h.domain}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${h.username}@${h.domain}`)}`;
  const res = await safeFetch(ctx, url, { headers: { Accept: "application/jrd+json, application/json" }, maxBytes: 256 * 1024 });
  if (res.status < 200 || res.status >= 300) throw new FetchError(`webfinger ${url}: HTTP ${res.status}`, res.status);
  let jrd: any;
  try {
    jrd = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new FetchError(`webfinger ${url}: invalid JSON`);
  }
  const self = asArray<any>(jrd?.links).find((l) => l?.rel === "self" && AP_TYPES.includes(String(l?.type ?? "")) && isHttpUrl(l?.href));
  if (!self) throw new FetchError(`webfinger ${url}: no ActivityPub self link`);
  const subject = typeof jrd.subject === "string" ? splitHandle(jrd.subject) : null;
  return { username: subject?.username ?? h.username, domain: subject?.domain ?? h.domain, actorUri: self.href };
}
