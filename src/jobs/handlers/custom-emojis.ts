/** `emoji.cache_remote` {id}: caches a remote custom emoji's image (a few tries, then the remote URL stays). */
import type { AppContext } from "../../context";
import type { JobRow } from "../../db/job-queue";
import { RemoteMediaError } from "../../media/remote-fetch";
import { cacheRemoteEmoji } from "../../services/custom-emojis/remote";
import { REMOTE_MEDIA_ATTEMPTS } from "./media";

/** Runs the download; permanent failures and the last attempt end the job, others throw to retry. */
export async function runEmojiCacheRemote(ctx: AppContext, payload: { id: number }, job: JobRow): Promise<void> {
  if (typeof payload?.id !== "number") return;
  try {
    await cacheRemoteEmoji(ctx, payload.id);
  } catch (e) {
    const permanent = e instanceof RemoteMediaError && e.permanent;
    if (!permanent && job.attempts < REMOTE_MEDIA_ATTEMPTS) throw e;
    ctx.log.info(`emoji ${payload.id}: not cached, keeping the remote URL: ${e instanceof Error ? e.message : String(e)}`);
  }
}
