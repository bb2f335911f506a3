/**
 * Media jobs: `media.process` finishes deferred uploads; `media.cache_remote` and
 * `media.cache_avatar` cache remote attachments and profile images (a few tries, then the
 * remote URL stays); `media.clear_domain` drops a blocked domain's cached files and
 * `media.delete_files` those of a deleted account; `media.remove_unattached` and
 * `media.remove_remote_cache` are the daily cleanups (scheduled here through CRON_JOBS).
 */
import type { AppContext } from "../../context";
import { RemoteMediaError } from "../../media/remote-fetch";
import { cacheRemoteAvatar } from "../../services/media/cache-avatar";
import { cacheRemoteMedia } from "../../services/media/cache-remote";
import { processMedia } from "../../services/media/process";
import { clearDomainMedia, deletableKey, removeRemoteMediaCache, removeUnattachedMedia } from "../../services/media/cleanup";
import { deleteKeys } from "../../media/files";
import { CRON_JOBS } from "../cron";
import type { JobRow } from "../../db/job-queue";
import { defineJob } from "../runner";

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

defineJob("media.process", async (ctx, payload: { id: number }) => {
  if (typeof payload?.id === "number") await processMedia(ctx, payload.id);
});

defineJob("media.cache_remote", async (ctx, payload: { id: number; preview?: string | null }, job) => {
  if (typeof payload?.id === "number") await download(ctx, job, `media ${payload.id}`, () => cacheRemoteMedia(ctx, payload));
});

defineJob("media.cache_avatar", async (ctx, payload: { accountId: number; remove?: string[] }, job) => {
  if (typeof payload?.accountId === "number") await download(ctx, job, `account ${payload.accountId} images`, () => cacheRemoteAvatar(ctx, payload));
});

defineJob("media.clear_domain", async (ctx, payload: { domain: string }) => {
  if (typeof payload?.domain !== "string" || !payload.domain) return;
  const n = await clearDomainMedia(ctx, payload.domain);
  if (n) ctx.log.info(`media: cleared ${n} cached files of ${payload.domain}`);
});

defineJob("media.delete_files", async (ctx, payload: { keys: unknown[] }) => {
  if (Array.isArray(payload?.keys)) await deleteKeys(ctx, payload.keys.filter(deletableKey));
});

defineJob("media.remove_unattached", async (ctx) => {
  const n = await removeUnattachedMedia(ctx);
  if (n) ctx.log.info(`media: removed ${n} unattached uploads`);
});

defineJob("media.remove_remote_cache", async (ctx) => {
  const days = ctx.config.mediaCacheRetentionDays;
  if (!days) return;
  const n = await removeRemoteMediaCache(ctx, days);
  if (n) ctx.log.info(`media: uncached ${n} remote attachments older than ${days} days`);
});

CRON_JOBS.push(
  { pattern: "17 3 * * *", kind: "media.remove_unattached" },
  { pattern: "47 3 * * *", kind: "media.remove_remote_cache" },
);
