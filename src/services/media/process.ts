/**
 * Finishes a deferred upload (the `media.process` job): renders the original from the spooled
 * upload, stores it and marks the row done. Idempotent: a vanished or finished row is a no-op.
 * A file that cannot be decoded marks the row failed (processing = 2); storage errors throw
 * so the job is retried.
 */
import type { AppContext } from "../../context";
import { rm } from "node:fs/promises";
import { finishAvProcessing, finishMediaProcessing, getMedia, markMediaProcessingFailed } from "../../db/queries/media-attachments";
import type { MediaRow } from "../../db/rows";
import { AvRejected, transcodeAv } from "../../media/av";
import { extOfMime } from "../../media/sniff";
import { ApiError } from "../../model/errors";
import { deleteKeys, mediaKey, pendingPath, readPending, removePending } from "../../media/files";
import { ffmpegBounds, mediaBounds } from "./input";
import { blurhashOf, geometry, makeOriginal, makeSmall, probeImage, type EncodedImage } from "../../media/image";

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
  if (row.type !== "image") return processAv(ctx, row);
  const bytes = await readPending(ctx, id);
  if (!bytes) {
    markFailed(ctx, id);
    return;
  }
  let original: EncodedImage;
  try {
    const probe = await probeImage(bytes, row.content_type ?? "");
    original = await makeOriginal(bytes, probe, "File", mediaBounds(ctx));
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

/**
 * Transcodes a spooled video/audio upload (see media/av.ts), stores the result and, unless a
 * custom thumbnail was uploaded, the first frame as the preview with its blurhash. FFmpeg reads
 * the spool file directly, so memory stays bounded whatever the upload's size.
 */
async function processAv(ctx: AppContext, row: MediaRow): Promise<void> {
  const id = row.id;
  const input = pendingPath(ctx, id);
  const ext = extOfMime(row.content_type ?? "");
  if (!ext || !(await Bun.file(input).exists())) {
    markFailed(ctx, id);
    await removePending(ctx, id);
    return;
  }
  const type = row.type as "video" | "gifv" | "audio";
  const written: string[] = [];
  let outPath: string | null = null;
  try {
    let out: Awaited<ReturnType<typeof transcodeAv>>;
    try {
      out = await transcodeAv(input, ext, type, ffmpegBounds(ctx));
    } catch (e) {
      if (!(e instanceof AvRejected)) throw e;
      ctx.log.warn(`media ${id}: processing failed: ${e.message}`);
      markFailed(ctx, id);
      return;
    }
    outPath = out.path;
    let old: Record<string, unknown> = {};
    try {
      old = JSON.parse(row.meta) ?? {};
    } catch {
      /* keep empty */
    }
    const meta: Record<string, unknown> = { ...out.meta };
    if (old.small) meta.small = old.small; // a custom thumbnail's geometry
    let thumbKey: string | null = null;
    let blurhash: string | null = null;
    if (!row.thumbnail_key && out.frame) {
      try {
        const probe = await probeImage(out.frame, "image/png");
        const small = await makeSmall(out.frame, { ...probe, mime: "image/jpeg" }, "File", mediaBounds(ctx));
        blurhash = await blurhashOf(small.data);
        meta.small = geometry(small.width, small.height);
        thumbKey = mediaKey(id, "small", small.ext);
        written.push(thumbKey);
        await ctx.storage.put(thumbKey, small.data, small.mime);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        ctx.log.warn(`media ${id}: no preview frame: ${e.message}`);
      }
    }
    const key = mediaKey(id, "original", out.ext);
    written.push(key);
    await ctx.storage.put(key, new Uint8Array(await Bun.file(out.path).arrayBuffer()), out.mime);
    const size = Bun.file(out.path).size;
    const changed = finishAvProcessing(
      ctx.db,
      id,
      { fileKey: key, contentType: out.mime, fileSize: size, meta: JSON.stringify(meta), thumbnailKey: thumbKey, blurhash },
      ctx.now(),
    );
    if (!changed) await deleteKeys(ctx, written);
  } catch (e) {
    await deleteKeys(ctx, written);
    throw e;
  } finally {
    if (outPath) await rm(outPath, { force: true });
    const r = getMedia(ctx.db, id);
    if (!r || r.processing !== 1) await removePending(ctx, id);
  }
}
