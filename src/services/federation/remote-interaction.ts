/**
 * "Follow, reply or favourite from your own server": finds the OStatus subscribe template
 * (`http://ostatus.org/schema/1.0/subscribe`) a visitor's server advertises in WebFinger, over
 * the guarded fetcher. Reads only; nothing is stored.
 */
import type { AppContext } from "../../context";
import { FetchError, safeFetch } from "../../activitypub/outbound/fetch";
import { remoteScheme, splitHandle } from "../../activitypub/outbound/deref/webfinger";

const SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe";

/** The URL on the handle's server that lets its user act on `uri`; throws FetchError when there is none. */
export async function remoteInteractionUrl(ctx: AppContext, handle: string, uri: string): Promise<string> {
  const h = splitHandle(handle);
  if (!h) throw new FetchError("That does not look like a handle (user@server)");
  const url = `${remoteScheme(ctx)}://${h.domain}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${h.username}@${h.domain}`)}`;
  const res = await safeFetch(ctx, url, {
    headers: { Accept: "application/jrd+json, application/json" },
    maxBytes: 256 * 1024,
    timeoutMs: 10_000,
  });
  if (res.status < 200 || res.status >= 300) throw new FetchError(`webfinger ${url}: HTTP ${res.status}`, res.status);
  let jrd: any;
  try {
    jrd = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    throw new FetchError(`webfinger ${url}: invalid JSON`);
  }
  const links: any[] = Array.isArray(jrd?.links) ? jrd.links : [];
  const template = links.find((l) => l?.rel === SUBSCRIBE && typeof l.template === "string")?.template as string | undefined;
  if (!template || !template.includes("{uri}")) throw new FetchError(`webfinger ${url}: no subscribe template`);
  const target = template.replace("{uri}", encodeURIComponent(uri));
  if (!/^https?:\/\//i.test(target)) throw new FetchError(`webfinger ${url}: subscribe template is not http(s)`);
  return target;
}
