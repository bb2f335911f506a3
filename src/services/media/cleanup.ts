/**
 * Periodic media cleanup, as `tootctl media remove` does: unattached uploads older than a day
 * (rows and files; uploads waiting for a scheduled status count as attached), and cached
 * files of remote media older than MEDIA_CACHE_RETENTION_DAYS (files only; rows keep
 * remote_url so they can be fetched again).
 */
import type { AppContext } from "../../context";
import { clearProfileImages, listProfileImagesOfDomain } from "../../db/queries/accounts-remote";
import { listAccountFileKeys } from "../../db/queries/accounts-moderation";
import {
  deleteUnattachedMediaBefore,
  listCachedRemoteMediaBefore,
  listCachedRemoteMediaOfDomain,
  markRemoteMediaCacheRemoved,
  uncacheMedia,
} from "../../db/queries/media-attachments";
import { transaction } from "../../db/transaction";
import { deleteKeys, removePending } from "../../media/files";

const DAY = 24 * 60 * 60 * 1000;
const BATCH = 200;

/** Deletes unattached media created more than `olderThanMs` ago; returns how many rows went. */
export async function removeUnattachedMedia(ctx: AppContext, olderThanMs = DAY): Promise<number> {
  const cutoff = ctx.now() - olderThanMs;
  let total = 0;
  for (;;) {
    // Rows go first (re-checking status_id) so media attached meanwhile is never touched.
    const rows = transaction(ctx.db, () => deleteUnattachedMediaBefore(ctx.db, cutoff, BATCH));
    for (const r of rows) {
      await deleteKeys(ctx, [r.file_key, r.thumbnail_key]);
      await removePending(ctx, r.id);
    }
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/**
 * Drops cached files of remote media stored more than `days` ago; returns how many rows were
 * uncached. Images are marked so the API keeps our URL (the media proxy, services/media/recache.ts)
 * and the first view fetches them again; a video's cached preview just goes.
 */
export async function removeRemoteMediaCache(ctx: AppContext, days: number): Promise<number> {
  const cutoff = ctx.now() - days * DAY;
  let total = 0;
  for (;;) {
    const rows = listCachedRemoteMediaBefore(ctx.db, cutoff, BATCH);
    for (const r of rows) {
      // The row first: a view in between then fetches a fresh copy instead of a deleted file.
      if (r.type === "image" || r.type === "unknown") markRemoteMediaCacheRemoved(ctx.db, r.id, ctx.now());
      else uncacheMedia(ctx.db, r.id, ctx.now());
      await deleteKeys(ctx, [r.file_key, r.thumbnail_key]);
    }
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/**
 * Drops the cached copies of a domain's (and its subdomains') attachments, avatars and headers
 * and forgets their profile image URLs, as Mastodon does when a domain is suspended or its
 * media rejected (the `media.clear_domain` job). Attachment rows keep remote_url.
 */
export async function clearDomainMedia(ctx: AppContext, domain: string): Promise<number> {
  const d = domain.toLowerCase();
  let total = 0;
  for (;;) {
    const rows = listCachedRemoteMediaOfDomain(ctx.db, d, BATCH);
    for (const r of rows) {
      await deleteKeys(ctx, [r.file_key, r.thumbnail_key]);
      uncacheMedia(ctx.db, r.id, ctx.now());
    }
    total += rows.length;
    if (rows.length < BATCH) break;
  }
  const profiles = listProfileImagesOfDomain(ctx.db, d);
  for (const a of profiles) {
    await deleteKeys(ctx, [a.avatar_path, a.header_path]);
    clearProfileImages(ctx.db, a.id);
  }
  return total + profiles.length;
}

/** Storage keys a job may delete: media and profile images only, never a path outside them. */
export function deletableKey(key: unknown): key is string {
  return typeof key === "string" && /^(media_attachments\/files|accounts\/(avatars|headers))\//.test(key) && !key.includes("..");
}

/**
 * The stored files of an account that is about to be deleted, enqueued as `media.delete_files`
 * jobs (the rows cascade away with the account). Call inside the deleting transaction.
 */
export function enqueueAccountFileDeletion(ctx: AppContext, accountId: number): void {
  const keys = listAccountFileKeys(ctx.db, accountId);
  for (let i = 0; i < keys.length; i += BATCH) ctx.jobs.enqueue("media.delete_files", { keys: keys.slice(i, i + BATCH) });
}
