/** Resolving remote statuses: fetch by URI (outbound), validate, then store and fan out. */
import type { AppContext } from "../../context";
import { getAccount, getAccountIdByUriOrUrl, getLocalAccountIdByUri } from "../../db/queries/accounts";
import { findStatusByUriOrLocalUrl, getStatusByUri } from "../../db/queries/statuses";
import type { StatusRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { domainPolicy } from "../../activitypub/outbound/domain-policy";
import { fetchObject } from "../../activitypub/outbound/deref/fetch-object";
import { fromApEmojiTags } from "../../serializers/activitypub/emoji";
import { storeRemoteEmojis } from "../custom-emojis/remote";
import { attributedTo, CONVERTED_TYPES, fromApNote, SUPPORTED_TYPES } from "../../serializers/activitypub/from-note";
import { hostOf, idOf, isHttpUrl, sameOrigin } from "../../serializers/activitypub/json-ld";
import { resolveAccountByUri } from "./resolve-account";
import { checkRemoteQuote, storeRemoteQuote } from "../quotes/remote";
import { insertRemoteStatus, updateRemoteStatus, type ResolvedMentions, type UpsertOptions } from "./store-remote-status";

export { attributedTo } from "../../serializers/activitypub/from-note";

/** Parents of replies are fetched at most this many levels up. */
export const MAX_PARENT_DEPTH = 8;
/** At most this many unknown mentioned actors are fetched per status. */
export const MAX_MENTION_FETCHES = 5;

function localStatus(ctx: AppContext, uri: string): StatusRow | null {
  return findStatusByUriOrLocalUrl(ctx.db, uri);
}

/** Finds or fetches a status (Note, Question, Article, Page, Video, Image…) by URI; null when not possible. */
export async function resolveStatusByUri(ctx: AppContext, uri: string, opts: { depth?: number } = {}): Promise<StatusRow | null> {
  if (!isHttpUrl(uri)) return null;
  const known = localStatus(ctx, uri);
  if (known || uri.startsWith(ctx.uris.base + "/")) return known;
  const host = hostOf(uri);
  if (host && domainPolicy(ctx, host)?.severity === "suspend") return null;
  try {
    const doc = await fetchObject(ctx, uri);
    if (!doc) return null;
    const id = idOf(doc)!;
    const again = localStatus(ctx, id);
    if (again) return again;
    if (!SUPPORTED_TYPES.has(String(doc.type)) && !CONVERTED_TYPES.has(String(doc.type))) return null;
    const authorUri = attributedTo(doc);
    if (!authorUri || !sameOrigin(authorUri, id)) return null;
    const author = await resolveAccountByUri(ctx, authorUri);
    if (!author || author.suspended_at !== null) return null;
    return await upsertRemoteStatus(ctx, doc, author.id, { depth: opts.depth ?? 0 });
  } catch (e) {
    ctx.log.info(`resolve status ${uri}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

async function resolveMentions(ctx: AppContext, hrefs: string[], addressed: string[]): Promise<ResolvedMentions> {
  const visible: number[] = [];
  let fetches = 0;
  for (const href of hrefs) {
    let id = getAccountIdByUriOrUrl(ctx.db, href) ?? undefined;
    if (id === undefined && fetches < MAX_MENTION_FETCHES && !href.startsWith(ctx.uris.base + "/")) {
      fetches++;
      id = (await resolveAccountByUri(ctx, href))?.id;
    }
    if (id !== undefined && !visible.includes(id)) visible.push(id);
  }
  // Local accounts addressed without a Mention tag still must be able to see the post.
  const silent: number[] = [];
  for (const uri of addressed) {
    if (!uri.startsWith(ctx.uris.base + "/")) continue;
    const id = getLocalAccountIdByUri(ctx.db, uri) ?? undefined;
    if (id !== undefined && !visible.includes(id) && !silent.includes(id)) silent.push(id);
  }
  return { visible, silent };
}

/**
 * Creates or updates (edit with history) a remote status from an object whose author is
 * `author` (already checked by the caller). Sanitizes HTML, derives visibility from to/cc,
 * stores mentions, tags, media (remote URLs), poll; fans out to local feeds; notifies.
 * `opts.backfill` stores without fan-out or notifications. Returns null for objects it refuses
 * (unsupported type, attributedTo not the author, id on another origin, someone else's status).
 */
export async function upsertRemoteStatus(
  ctx: AppContext,
  object: Record<string, any>,
  authorId: number,
  opts: UpsertOptions = {},
): Promise<StatusRow | null> {
  const author = getAccount(ctx.db, authorId);
  if (!author || author.domain === null) return null;
  const uri = idOf(object);
  if (!uri || !isHttpUrl(uri) || !sameOrigin(uri, author.uri)) return null;
  if (attributedTo(object) !== author.uri) return null;
  const p = fromApNote(ctx, object, author.followers_url);
  if (!p) return null;
  // As Mastodon: attachments of a domain whose media is rejected are kept as links (type unknown), never downloaded.
  if (domainPolicy(ctx, author.domain)?.rejectMedia) p.media = p.media.map((m) => ({ ...m, type: "unknown", previewUrl: null }));
  const existing = getStatusByUri(ctx.db, uri);
  if (existing && existing.account_id !== authorId) return null;
  const mentions = await resolveMentions(ctx, p.mentionHrefs, p.addressed);
  const parent = p.inReplyTo ? localStatus(ctx, p.inReplyTo) : null;
  const depth = opts.depth ?? 0;
  const quote = await checkRemoteQuote(ctx, p, authorId, depth, (u, d) => resolveStatusByUri(ctx, u, { depth: d }));
  return transaction(ctx.db, () => {
    // Re-read inside the transaction: another job may have stored it while we were fetching.
    if (!domainPolicy(ctx, author.domain!)?.rejectMedia) storeRemoteEmojis(ctx, author.domain!, fromApEmojiTags(object.tag));
    const current = getStatusByUri(ctx.db, uri);
    if (current) {
      if (current.account_id !== authorId) return null;
      const updated = updateRemoteStatus(ctx, current, p, mentions, opts);
      storeRemoteQuote(ctx, updated, p, quote, false, !!opts.backfill);
      return updated;
    }
    const row = insertRemoteStatus(ctx, p, author, mentions, parent, opts);
    storeRemoteQuote(ctx, row, p, quote, true, !!opts.backfill);
    if (p.inReplyTo && !parent && depth < MAX_PARENT_DEPTH) {
      ctx.jobs.enqueue("ap.fetch_parent", { statusId: row.id, uri: p.inReplyTo, depth: depth + 1 });
    }
    return row;
  });
}
