/**
 * Media jobs: `media.process` finishes deferred uploads; `media.cache_remote` and
 * `media.cache_avatar` cache remote attachments and profile images (a few tries, then the
 * remote URL stays); `media.clear_domain` drops a blocked domain's cached files and
 * `media.delete_files` those of a deleted account; `media.remove_unattached` and
 * `media.remove_remote_cache` are the daily cleanups (scheduled in jobs/cron.ts).
 */
import type { AppContext } from "../../context";
import { RemoteMediaError } from "../../media/remote-fetch";
import { cacheRemoteAvatar } from "../../services/media/cache-avatar";
import { cacheRemoteMedia } from "../../services/media/cache-remote";
import { processMedia } from "../../services/media/process";
import { clearDomainMedia, deletableKey, removeRemoteMediaCache, removeUnattachedMedia } from "../../services/media/cleanup";
import { deleteKeys } from "../../media/files";
import type { JobRow } from "../../db/job-queue";

/** Remote media downloads are tried this many times (with the queue's backoff), then given up. */
export const REMOTE_MEDIA_ATTEMPTS = 4;

/** Runs a download; permanent failures and the last attempt end the job, others throw to retry. */
async function download(ctx: AppContext, job: JobRow, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const permanent = e instanceof RemoteMediaError && e.permanent;
    if (!permanent && job.attempts < REMOTE_MEDIA_ATTEMPTS) throw e;
    ctx.log.info(`${what}: not cached, keeping the remote URL: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** media.process {id}: finishes a deferred upload. */
export async function runMediaProcess(ctx: AppContext, payload: { id: number }): Promise<void> {
  if (typeof payload?.id === "number") await processMedia(ctx, payload.id);
}

/** media.cache_remote {id, preview?}: caches a remote attachment (or only its preview). */
export async function runMediaCacheRemote(ctx: AppContext, payload: { id: number; preview?: string | null }, job: JobRow): Promise<void> {
  if (typeof payload?.id === "number") await download(ctx, job, `media ${payload.id}`, () => cacheRemoteMedia(ctx, payload));
}

/** media.cache_avatar {accountId, remove?}: caches a remote account's avatar and header. */
export async function runMediaCacheAvatar(ctx: AppContext, payload: { accountId: number; remove?: string[] }, job: JobRow): Promise<void> {
  if (typeof payload?.accountId === "number")
    await download(ctx, job, `account ${payload.accountId} images`, () => cacheRemoteAvatar(ctx, payload));
}

/** media.clear_domain {domain}: drops the cached files of a blocked domain. */
export async function runMediaClearDomain(ctx: AppContext, payload: { domain: string }): Promise<void> {
  if (typeof payload?.domain !== "string" || !payload.domain) return;
  const n = await clearDomainMedia(ctx, payload.domain);
  if (n) ctx.log.info(`media: cleared ${n} cached files of ${payload.domain}`);
}

/** media.delete_files {keys}: deletes the stored files of a deleted account. */
export async function runMediaDeleteFiles(ctx: AppContext, payload: { keys: unknown[] }): Promise<void> {
  if (Array.isArray(payload?.keys)) await deleteKeys(ctx, payload.keys.filter(deletableKey));
}

/** media.remove_unattached (daily): removes uploads never attached to a status. */
export async function runMediaRemoveUnattached(ctx: AppContext): Promise<void> {
  const n = await removeUnattachedMedia(ctx);
  if (n) ctx.log.info(`media: removed ${n} unattached uploads`);
}

/** media.remove_remote_cache (daily): uncaches remote attachments past the retention time. */
export async function runMediaRemoveRemoteCache(ctx: AppContext): Promise<void> {
  const days = ctx.config.mediaCacheRetentionDays;
  if (!days) return;
  const n = await removeRemoteMediaCache(ctx, days);
  if (n) ctx.log.info(`media: uncached ${n} remote attachments older than ${days} days`);
}
