/**
 * Creates a media attachment from an upload. Images: the small preview, blurhash and meta are
 * made at once; the original is made inline for small images (or v1) and otherwise by a
 * `media.process` job enqueued in the same transaction as the row (url stays null until then).
 * Video/audio are stored as uploaded. A rejected upload leaves no file and no row.
 */
import type { AppContext } from "../../context";
import { deleteUnattachedMedia, getMedia, insertUpload } from "../../db/queries/media-attachments";
import type { MediaRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";
import { analyzeUpload } from "../../media/analyze";
import { deleteKeys, mediaKey, removePending, writePending } from "../../media/files";
import { blurhashOf, fitArea, geometry, makeOriginal, makeSmall } from "../../media/image";
import { MEDIA_LIMITS } from "../../media/limits";
import { checkDescription, ffmpegBounds, mediaBounds, parseFocus, prepareThumbnail } from "./input";
import { processMedia } from "./process";

/** Fields of POST /api/v1|v2/media. */
export interface MediaInput {
  file?: Blob;
  thumbnail?: Blob;
  description?: string;
  focus?: string;
}

/** Validates, stores and records an upload; `sync` forces inline processing (v1 API). */
export async function createMedia(ctx: AppContext, accountId: number, input: MediaInput, opts: { sync: boolean }): Promise<MediaRow> {
  const description = checkDescription(input.description);
  const focus = parseFocus(input.focus) ?? { x: 0, y: 0 };
  if (!input.file) throw validation("File can't be blank");
  const upload = new Uint8Array(await input.file.arrayBuffer());
  const a = await analyzeUpload(upload, input.file.type, (input.file as File).name, "File", ffmpegBounds(ctx));
  const bytes = (a.kind === "image" && a.bytes) || upload;
  if (a.kind === "image" && input.thumbnail) throw validation("Thumbnail must be blank");
  const bounds = mediaBounds(ctx);
  const thumb = input.thumbnail ? await prepareThumbnail(input.thumbnail, bounds) : undefined;

  const id = ctx.ids.next();
  const written: string[] = [];
  const put = async (key: string, data: Uint8Array, mime: string) => {
    written.push(key);
    await ctx.storage.put(key, data, mime);
    return key;
  };
  let deferred = false;
  try {
    let fileKey: string | null = null;
    let thumbKey: string | null = null;
    let contentType = a.mime;
    let fileSize = bytes.length;
    let blurhash: string | null = null;
    let meta: Record<string, unknown>;
    if (a.kind === "image") {
      const small = await makeSmall(bytes, a.probe, "File", bounds);
      blurhash = await blurhashOf(small.data);
      const target = fitArea(a.probe.width, a.probe.height, MEDIA_LIMITS.originalPixels);
      meta = { original: geometry(target.width, target.height), small: geometry(small.width, small.height) };
      // An animation costs its frames' pixels: a thousand small frames go to the job too.
      const pixels = a.probe.width * a.probe.height * (a.probe.animated ? a.probe.pages : 1);
      deferred = !opts.sync && (bytes.length >= MEDIA_LIMITS.inlineBytes || pixels >= MEDIA_LIMITS.inlinePixels);
      thumbKey = await put(mediaKey(id, "small", small.ext), small.data, small.mime);
      if (deferred) {
        await writePending(ctx, id, bytes);
      } else {
        const original = await makeOriginal(bytes, a.probe, "File", bounds);
        meta.original = geometry(original.width, original.height);
        fileKey = await put(mediaKey(id, "original", original.ext), original.data, original.mime);
        contentType = original.mime;
        fileSize = original.data.length;
      }
    } else {
      // Transcoded by the media.process job (inline below for the v1 API); url is null until then.
      meta = { ...a.meta, ...(thumb ? { small: thumb.meta } : {}) };
      blurhash = thumb?.blurhash ?? null;
      deferred = true;
      await writePending(ctx, id, bytes);
      if (thumb) thumbKey = await put(mediaKey(id, "small", thumb.small.ext), thumb.small.data, thumb.small.mime);
    }
    const t = ctx.now();
    const inline = deferred && a.kind === "av" && opts.sync;
    const row = transaction(ctx.db, () => {
      const row = insertUpload(ctx.db, {
        id,
        account_id: accountId,
        type: a.type,
        file_key: fileKey,
        thumbnail_key: thumbKey,
        content_type: contentType,
        file_size: fileSize,
        description: description ?? null,
        focus_x: focus.x,
        focus_y: focus.y,
        meta: JSON.stringify(meta),
        blurhash,
        processing: deferred ? 1 : 0,
        created_at: t,
      });
      if (deferred && !inline) ctx.jobs.enqueue("media.process", { id });
      return row;
    });
    if (!inline) return row;
    await processMedia(ctx, id);
    const done = getMedia(ctx.db, id);
    if (done && done.processing === 0) return done;
    // Nothing is left of an upload that could not be processed inline: its files (below) and row.
    transaction(ctx.db, () => deleteUnattachedMedia(ctx.db, id));
    throw validation("File could not be processed");
  } catch (e) {
    await deleteKeys(ctx, written);
    if (deferred) await removePending(ctx, id);
    throw e;
  }
}
