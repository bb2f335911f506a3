/** Resolving remote accounts: WebFinger and actor URIs, fetched (outbound) and stored, with a one-day cache. */
import type { AppContext } from "../../context";
import {
  getAccountByPublicKeyId,
  getAccountByUri,
  getLocalAccountByUris,
  getLocalOrInstanceAccountByUsername,
  getRemoteAccountByHandle,
} from "../../db/queries/accounts";
import type { AccountRow } from "../../db/rows";
import { isLocalDomain } from "../../model/uris";
import { domainPolicy } from "../../activitypub/outbound/domain-policy";
import { fetchActor, verifiedDomain } from "../../activitypub/outbound/deref/fetch-actor";
import { splitHandle, webfinger } from "../../activitypub/outbound/deref/webfinger";
import { hostOf, idOf, isHttpUrl, withoutFragment } from "../../serializers/activitypub/json-ld";
import { upsertRemoteActor as upsert } from "./upsert-actor";

/** Remote actors older than this are refetched when resolved. */
export const STALE_MS = 24 * 60 * 60 * 1000;

function stale(ctx: AppContext, a: AccountRow): boolean {
  return a.fetched_at === null || ctx.now() - a.fetched_at > STALE_MS;
}

function suspendedDomain(ctx: AppContext, host: string | null): boolean {
  return !!host && domainPolicy(ctx, host)?.severity === "suspend";
}

function byHandle(ctx: AppContext, username: string, domain: string | null): AccountRow | null {
  return domain === null ? getLocalOrInstanceAccountByUsername(ctx.db, username) : getRemoteAccountByHandle(ctx.db, username, domain);
}

/** Finds or fetches (WebFinger → actor) `user@domain`; null when it cannot be resolved. */
export async function resolveAccountByHandle(ctx: AppContext, handle: string): Promise<AccountRow | null> {
  const h = splitHandle(handle.includes("@", handle.startsWith("@") ? 1 : 0) ? handle : `${handle}@${ctx.config.localDomain}`);
  if (!h) return null;
  if (isLocalDomain(ctx.config, h.domain)) return byHandle(ctx, h.username, null);
  const known = byHandle(ctx, h.username, h.domain);
  if (known && !stale(ctx, known)) return known;
  if (suspendedDomain(ctx, h.domain)) return known;
  try {
    const wf = await webfinger(ctx, `${h.username}@${h.domain}`);
    const actor = await fetchActor(ctx, wf.actorUri);
    const id = idOf(actor)!;
    // Mastodon's round trip: preferredUsername@subject-domain must map back to this actor.
    const claimed = `${actor.preferredUsername}@${wf.domain}`.toLowerCase();
    if (claimed !== `${h.username}@${h.domain}`.toLowerCase() || wf.actorUri !== id) {
      const again = await webfinger(ctx, claimed);
      if (again.actorUri !== id) throw new Error(`webfinger round trip for ${claimed} failed`);
    }
    return upsert(ctx, actor, { domain: wf.domain });
  } catch (e) {
    ctx.log.info(`resolve ${handle}: ${e instanceof Error ? e.message : String(e)}`);
    return known;
  }
}

/** Finds or fetches an actor by its URI; `refresh` refetches a known one. Null on failure. */
export async function resolveAccountByUri(ctx: AppContext, uri: string, opts: { refresh?: boolean } = {}): Promise<AccountRow | null> {
  if (!isHttpUrl(uri)) return null;
  const bare = withoutFragment(uri);
  if (bare.startsWith(ctx.uris.base + "/") || bare === ctx.uris.base) {
    return getLocalAccountByUris(ctx.db, bare, uri);
  }
  const known = getAccountByUri(ctx.db, bare) ?? getAccountByPublicKeyId(ctx.db, uri);
  if (known && !opts.refresh && !stale(ctx, known)) return known;
  if (suspendedDomain(ctx, hostOf(bare))) return known;
  try {
    const actor = await fetchActor(ctx, known?.uri ?? bare);
    const domain = await verifiedDomain(ctx, actor);
    return upsert(ctx, actor, { domain });
  } catch (e) {
    ctx.log.info(`resolve ${uri}: ${e instanceof Error ? e.message : String(e)}`);
    return known;
  }
}

/** Inserts or updates a remote account from an actor document already fetched and trusted. */
export function upsertRemoteActor(ctx: AppContext, actor: Record<string, any>, opts: { domain?: string } = {}): AccountRow {
  return upsert(ctx, actor, opts);
}
