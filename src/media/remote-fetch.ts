/**
 * Downloading remote images for the local cache (attachments, previews, avatars): SSRF-safe
 * fetch with a size cap, the real type sniffed from the bytes, images only.
 */
import type { AppContext } from "../context";
import { domainPolicy } from "../activitypub/outbound/domain-policy";
import { FetchError, safeFetch } from "../activitypub/outbound/fetch";
import { sniffMedia, type Sniffed } from "./sniff";

/** A download that failed; `permanent` when retrying cannot help (refused, not an image, 404). */
export class RemoteMediaError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Remote media downloads time out after this long. */
export const REMOTE_MEDIA_TIMEOUT_MS = 30_000;

/** True when media from `host` may be downloaded: not suspended and not `reject_media`. */
export function mediaHostAllowed(ctx: AppContext, host: string | null): boolean {
  if (!host) return false;
  const p = domainPolicy(ctx, host);
  return !p || (p.severity !== "suspend" && !p.rejectMedia);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * GETs `url` (≤ maxBytes) and returns its bytes when they are an image. Throws
 * RemoteMediaError: permanent for refusals, 4xx answers and non-image bodies; transient for
 * timeouts, network errors, 5xx, 408 and 429.
 */
export async function fetchRemoteImage(ctx: AppContext, url: string, maxBytes: number): Promise<{ bytes: Uint8Array; sniffed: Sniffed }> {
  return fetchRemote(ctx, url, maxBytes, "image");
}

/** As fetchRemoteImage, for a remote video (only to cache its first frame as the preview; never transcoded). */
export async function fetchRemoteVideo(ctx: AppContext, url: string, maxBytes: number): Promise<{ bytes: Uint8Array; sniffed: Sniffed }> {
  return fetchRemote(ctx, url, maxBytes, "video");
}

async function fetchRemote(
  ctx: AppContext,
  url: string,
  maxBytes: number,
  kind: "image" | "video",
): Promise<{ bytes: Uint8Array; sniffed: Sniffed }> {
  if (!mediaHostAllowed(ctx, hostOf(url))) throw new RemoteMediaError(`media of ${hostOf(url) ?? url} is rejected`, true);
  let res: Awaited<ReturnType<typeof safeFetch>>;
  try {
    res = await safeFetch(ctx, url, { headers: { Accept: `${kind}/*` }, maxBytes, timeoutMs: REMOTE_MEDIA_TIMEOUT_MS });
  } catch (e) {
    const permanent = e instanceof FetchError && (e.permanent || /too large/.test(e.message));
    throw new RemoteMediaError(e instanceof Error ? e.message : String(e), permanent);
  }
  // A redirect may have led to another host: its policy applies too.
  if (!mediaHostAllowed(ctx, hostOf(res.url))) throw new RemoteMediaError(`media of ${hostOf(res.url)} is rejected`, true);
  if (res.status < 200 || res.status >= 300) {
    const transient = res.status >= 500 || res.status === 408 || res.status === 429;
    throw new RemoteMediaError(`GET ${url} answered ${res.status}`, !transient);
  }
  const sniffed = sniffMedia(res.body);
  if (!sniffed || sniffed.kind !== kind) throw new RemoteMediaError(`${url} is not a supported ${kind}`, true);
  return { bytes: res.body, sniffed };
}
