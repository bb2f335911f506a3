/**
 * The local cache of remote attachments (the `media.cache_remote` job): images are downloaded
 * and stored as an original plus the `small` preview; video and audio keep only their remote
 * URL but get their preview image (`icon`) cached when they have one; a video without one gets its
 * first frame (downloaded once, read by FFmpeg, never transcoded or stored). The remote's blurhash,
 * description and focus win over computed ones.
 */
import type { AppContext } from "../../context";
import { getAccountDomainAndSuspension } from "../../db/queries/accounts";
import { getMedia, storeCachedRemoteMedia } from "../../db/queries/media-attachments";
import { ApiError } from "../../model/errors";
import { deleteKeys, mediaKey } from "../../media/files";
import { blurhashOf, geometry, makeOriginal, makeSmall, probeImage, type EncodedImage, type MediaBounds } from "../../media/image";
import { MEDIA_LIMITS } from "../../media/limits";
import { fetchRemoteImage, fetchRemoteVideo, mediaHostAllowed, RemoteMediaError } from "../../media/remote-fetch";
import { AvRejected, firstFrame } from "../../media/av";
import { extOfMime } from "../../media/sniff";
import { ffmpegBounds, mediaBounds } from "./input";

/** Payload of `media.cache_remote`: the attachment and, for video/audio, its preview image URL. */
export interface CacheRemotePayload {
  id: number;
  preview?: string | null;
}

const IMAGE_TYPES = new Set(["image", "unknown"]);
const VIDEO_TYPES = new Set(["video", "gifv"]);

/** True when attachments and avatars of account `accountId` may be downloaded (remote, not suspended, domain allows media). */
export function remoteMediaAllowed(ctx: AppContext, accountId: number): boolean {
  const a = getAccountDomainAndSuspension(ctx.db, accountId);
  return !!a && a.domain !== null && a.suspended_at === null && mediaHostAllowed(ctx, a.domain);
}

/** Enqueues the caching of a freshly stored remote attachment when there is an image to cache. Call inside the writing transaction. */
export function enqueueRemoteMediaCache(ctx: AppContext, id: number, type: string, previewUrl: string | null): void {
  if (IMAGE_TYPES.has(type)) ctx.jobs.enqueue("media.cache_remote", { id });
  else if (previewUrl) ctx.jobs.enqueue("media.cache_remote", { id, preview: previewUrl });
  else if (VIDEO_TYPES.has(type)) ctx.jobs.enqueue("media.cache_remote", { id });
}

/** A remote video's first frame as PNG; the video itself is only read, never kept. */
async function remoteFrame(ctx: AppContext, url: string): Promise<{ bytes: Uint8Array; sniffed: { mime: string } }> {
  const { bytes, sniffed } = await fetchRemoteVideo(ctx, url, MEDIA_LIMITS.videoSizeLimit);
  const ext = extOfMime(sniffed.mime);
  if (!ext) throw new RemoteMediaError(`${url} is not a supported video`, true);
  try {
    return { bytes: await firstFrame(bytes, ext, ffmpegBounds(ctx)), sniffed: { mime: "image/png" } };
  } catch (e) {
    if (e instanceof AvRejected) throw new RemoteMediaError(`${url} ${e.message}`, true);
    throw e;
  }
}

async function render(
  bytes: Uint8Array,
  mime: string,
  withOriginal: boolean,
  bounds: MediaBounds,
): Promise<{ small: EncodedImage; original: EncodedImage | null }> {
  try {
    const probe = await probeImage(bytes, mime, "Remote file");
    return {
      small: await makeSmall(bytes, probe, "Remote file", bounds),
      original: withOriginal ? await makeOriginal(bytes, probe, "Remote file", bounds) : null,
    };
  } catch (e) {
    if (e instanceof ApiError) throw new RemoteMediaError(e.message, true);
    throw e;
  }
}

/**
 * Downloads and stores the local copy of attachment `p.id`. Idempotent: a vanished, detached,
 * already cached or no longer allowed attachment is left alone. Throws RemoteMediaError
 * (see fetchRemoteImage) so the job can retry or give up; the row then keeps its remote URL.
 */
export async function cacheRemoteMedia(ctx: AppContext, p: CacheRemotePayload): Promise<void> {
  const row = getMedia(ctx.db, p.id);
  if (!row || row.status_id === null || !row.remote_url || row.file_key || row.thumbnail_key) return;
  if (!remoteMediaAllowed(ctx, row.account_id)) return;
  const isImage = IMAGE_TYPES.has(row.type);
  const source = isImage ? row.remote_url : typeof p.preview === "string" ? p.preview : null;
  let fetched: { bytes: Uint8Array; sniffed: { mime: string } };
  if (source) fetched = await fetchRemoteImage(ctx, source, MEDIA_LIMITS.imageSizeLimit);
  else if (VIDEO_TYPES.has(row.type)) fetched = await remoteFrame(ctx, row.remote_url);
  else return;
  const { small, original } = await render(fetched.bytes, fetched.sniffed.mime, isImage, mediaBounds(ctx));
  const blurhash = row.blurhash ?? (await blurhashOf(small.data));
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(row.meta) ?? {};
  } catch {
    /* keep empty */
  }
  meta.small = geometry(small.width, small.height);
  if (original) meta.original = geometry(original.width, original.height);

  const written: string[] = [];
  try {
    const thumbKey = mediaKey(row.id, "small", small.ext);
    written.push(thumbKey);
    await ctx.storage.put(thumbKey, small.data, small.mime);
    let fileKey: string | null = null;
    if (original) {
      fileKey = mediaKey(row.id, "original", original.ext);
      written.push(fileKey);
      await ctx.storage.put(fileKey, original.data, original.mime);
    }
    // Guarded: the row may have been edited away, detached or cached by another run meanwhile.
    const changed = storeCachedRemoteMedia(
      ctx.db,
      row.id,
      row.remote_url,
      {
        file_key: fileKey,
        thumbnail_key: thumbKey,
        type: isImage ? "image" : row.type,
        content_type: original?.mime ?? null,
        file_size: original?.data.length ?? null,
        meta: JSON.stringify(meta),
        blurhash,
      },
      ctx.now(),
    );
    if (!changed) await deleteKeys(ctx, written);
  } catch (e) {
    await deleteKeys(ctx, written);
    throw e;
  }
}
