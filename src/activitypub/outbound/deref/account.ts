/** Resolving remote accounts (owner: documents helper): WebFinger and actor URIs, with a one-day cache. */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { domainPolicy } from "../domain-blocks";
import { fetchActivityJson } from "../fetch";
import { ACTOR_TYPES, upsertRemoteActor as upsert } from "./actor-upsert";
import { hostOf, idOf, isHttpUrl, sameOrigin, withoutFragment } from "./util";
import { splitHandle, webfinger } from "./webfinger";

/** Remote actors older than this are refetched when resolved. */
export const STALE_MS = 24 * 60 * 60 * 1000;

function stale(ctx: AppContext, a: AccountRow): boolean {
  return a.fetched_at === null || ctx.now() - a.fetched_at > STALE_MS;
}

function suspendedDomain(ctx: AppContext, host: string | null): boolean {
  return !!host && domainPolicy(ctx, host)?.severity === "suspend";
}

function byHandle(ctx: AppContext, username: string, domain: string | null): AccountRow | null {
  return domain === null
    ? ctx.db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL").get(username)
    : ctx.db.query<AccountRow, [string, string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND lower(domain) = lower(?)").get(username, domain);
}

/** Fetches an actor document by URI; follows a key document to its owner; checks the id's origin. */
async function fetchActor(ctx: AppContext, uri: string): Promise<Record<string, any>> {
  let doc = await fetchActivityJson(ctx, uri);
  let id = idOf(doc);
  if (!id || !sameOrigin(id, uri)) throw new Error(`actor ${uri} answered with a foreign id ${id}`);
  if (!ACTOR_TYPES.has(String(doc.type))) {
    // A key document (GoToSocial's /main-key): follow its owner on the same origin.
    const owner = idOf(doc.owner) ?? idOf(doc.publicKey?.owner);
    if (!owner || !sameOrigin(owner, uri) || owner === uri) throw new Error(`${uri} is not an actor`);
    doc = await fetchActivityJson(ctx, owner);
    id = idOf(doc);
    if (id !== owner || !ACTOR_TYPES.has(String(doc.type))) throw new Error(`${owner} is not an actor`);
  } else if (id !== uri && id !== withoutFragment(uri)) {
    // Same origin but another path: take the document from its canonical id.
    doc = await fetchActivityJson(ctx, id);
    if (idOf(doc) !== id) throw new Error(`actor ${id} does not answer with its own id`);
  }
  return doc;
}

/**
 * The WebFinger domain for a fetched actor: `preferredUsername@host` must point back at the
 * same actor id. A host without WebFinger keeps its own host; a contradicting answer throws.
 */
async function verifiedDomain(ctx: AppContext, actor: Record<string, any>): Promise<string> {
  const id = idOf(actor)!;
  const host = hostOf(id)!;
  let wf;
  try { wf = await webfinger(ctx, `${actor.preferredUsername}@${host}`); } catch { return host; }
  if (wf.actorUri !== id) throw new Error(`webfinger for ${actor.preferredUsername}@${host} points at ${wf.actorUri}, not ${id}`);
  if (wf.domain === host) return host;
  // Split domain: the subject's domain must itself point back at the actor.
  const again = await webfinger(ctx, `${wf.username}@${wf.domain}`);
  if (again.actorUri !== id) throw new Error(`webfinger round trip for ${id} failed`);
  return wf.domain;
}

/** Finds or fetches (WebFinger → actor) `user@domain`; null when it cannot be resolved. */
export async function resolveAccountByHandle(ctx: AppContext, handle: string): Promise<AccountRow | null> {
  const h = splitHandle(handle.includes("@", handle.startsWith("@") ? 1 : 0) ? handle : `${handle}@${ctx.config.localDomain}`);
  if (!h) return null;
  if (h.domain === ctx.config.localDomain.toLowerCase()) return byHandle(ctx, h.username, null);
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
    return ctx.db.query<AccountRow, [string, string]>("SELECT * FROM accounts WHERE (uri = ? OR uri = ?) AND domain IS NULL").get(bare, uri);
  }
  const known = ctx.db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ? LIMIT 1").get(bare)
    ?? ctx.db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE public_key_id = ? LIMIT 1").get(uri);
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
