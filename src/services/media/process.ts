/**
 * Finishes a deferred upload (the `media.process` job): renders the original from the spooled
 * upload, stores it and marks the row done. Idempotent: a vanished or finished row is a no-op.
 * A file that cannot be decoded marks the row failed (processing = 2); storage errors throw
 * so the job is retried.
 */
import type { AppContext } from "../../context";
import type { MediaRow } from "../../db/rows";
import { ApiError } from "../../model/errors";
import { deleteKeys, mediaKey, readPending, removePending } from "../../media/files";
import { geometry, makeOriginal, probeImage, type EncodedImage } from "../../media/image";

function markFailed(ctx: AppContext, id: number): void {
  ctx.db.query("UPDATE media_attachments SET processing = 2, updated_at = ? WHERE id = ? AND processing = 1").run(ctx.now(), id);
}

/** Processes media row `id` if it is still queued. */
export async function processMedia(ctx: AppContext, id: number): Promise<void> {
  const row = ctx.db.query<MediaRow, [number]>("SELECT * FROM media_attachments WHERE id = ?").get(id);
  if (!row || row.processing !== 1) { await removePending(ctx, id); return; }
  const bytes = await readPending(ctx, id);
  if (!bytes) { markFailed(ctx, id); return; }
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
  try { meta = JSON.parse(row.meta); } catch { /* keep empty */ }
  meta.original = geometry(original.width, original.height);
  const changed = ctx.db.query(
    `UPDATE media_attachments SET file_key = ?, content_type = ?, file_size = ?, meta = ?, processing = 0, updated_at = ?
     WHERE id = ? AND processing = 1`,
  ).run(key, original.mime, original.data.length, JSON.stringify(meta), ctx.now(), id).changes;
  // The row was deleted (or finished) meanwhile: do not leave an orphaned file behind.
  if (changed === 0) await deleteKeys(ctx, [key]);
  await removePending(ctx, id);
}
