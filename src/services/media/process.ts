/**
 * Finishes a deferred upload (the `media.process` job): renders the original from the spooled
 * upload, stores it and marks the row done. Idempotent: a vanished or finished row is a no-op.
 * A file that cannot be decoded marks the row failed (processing = 2); storage errors throw
 * so the job is retried.
 */
import type { AppContext } from "../../context";
import { finishMediaProcessing, getMedia, markMediaProcessingFailed } from "../../db/queries/media-attachments";
import { ApiError } from "../../model/errors";
import { deleteKeys, mediaKey, readPending, removePending } from "../../media/files";
import { geometry, makeOriginal, probeImage, type EncodedImage } from "../../media/image";

function markFailed(ctx: AppContext, id: number): void {
  markMediaProcessingFailed(ctx.db, id, ctx.now());
}

/** Processes media row `id` if it is still queued. */
export async function processMedia(ctx: AppContext, id: number): Promise<void> {
  const row = getMedia(ctx.db, id);
  if (!row || row.processing !== 1) {
    await removePending(ctx, id);
    return;
  }
  const bytes = await readPending(ctx, id);
  if (!bytes) {
    markFailed(ctx, id);
    return;
  }
  let original: EncodedImage;
  try {
    const probe = await probeImage(bytes, row.content_type ?? "");
    original = await makeOriginal(bytes, probe);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    ctx.log.warn(`media ${id}: processing failed: ${e.message}`);
    markFailed(ctx, id);
    await removePending(ctx, id);
    return;
  }
  const key = mediaKey(id, "original", original.ext);
  await ctx.storage.put(key, original.data, original.mime);
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(row.meta);
  } catch {
    /* keep empty */
  }
  meta.original = geometry(original.width, original.height);
  const changed = finishMediaProcessing(ctx.db, id, key, original.mime, original.data.length, JSON.stringify(meta), ctx.now());
  // The row was deleted (or finished) meanwhile: do not leave an orphaned file behind.
  if (!changed) await deleteKeys(ctx, [key]);
  await removePending(ctx, id);
}
