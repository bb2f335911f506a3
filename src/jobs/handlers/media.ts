/**
 * Media jobs: `media.process` finishes deferred uploads; `media.remove_unattached` and
 * `media.remove_remote_cache` are the daily cleanups (scheduled here through CRON_JOBS).
 */
import { processMedia } from "../../services/media/process";
import { removeRemoteMediaCache, removeUnattachedMedia } from "../../services/media/cleanup";
import { CRON_JOBS } from "../cron";
import { defineJob } from "../runner";

defineJob("media.process", async (ctx, payload: { id: number }) => {
  if (typeof payload?.id === "number") await processMedia(ctx, payload.id);
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
