/** Validation of the description/focus/thumbnail fields shared by media create and update. */
import type { AppContext } from "../../context";
import { validation } from "../../model/errors";
import { analyzeUpload } from "../../media/analyze";
import { blurhashOf, geometry, makeSmall, type EncodedImage, type MediaBounds } from "../../media/image";
import type { FfmpegBounds } from "../../media/ffmpeg";
import { MEDIA_LIMITS } from "../../media/limits";

/** Parses Mastodon's "x,y" focal point (each -1.0..1.0); 422 when malformed or out of range. */
export function parseFocus(focus: string | undefined): { x: number; y: number } | undefined {
  if (focus === undefined || focus.trim() === "") return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*,\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*$/.exec(focus);
  const x = m ? Number(m[1]) : NaN;
  const y = m ? Number(m[2]) : NaN;
  if (!(Math.abs(x) <= 1 && Math.abs(y) <= 1)) throw validation('Focus must be two numbers from -1.0 to 1.0, as "x,y"');
  return { x, y };
}

/** Checks the alt text length (Mastodon: 1500 characters). */
export function checkDescription(description: string | undefined): string | undefined {
  if (description === undefined) return undefined;
  if ([...description].length > MEDIA_LIMITS.descriptionLimit) {
    throw validation(`Description is too long (maximum is ${MEDIA_LIMITS.descriptionLimit} characters)`);
  }
  return description;
}

/** A processed custom thumbnail (audio/video only): the small preview and its blurhash. */
export interface Thumbnail {
  small: EncodedImage;
  blurhash: string;
  meta: Record<string, unknown>;
}

/** How long one image pipeline may run, from MEDIA_PROCESSING_TIMEOUT. */
export function mediaBounds(ctx: AppContext): MediaBounds {
  return { timeoutSeconds: ctx.config.mediaProcessingTimeout };
}

/** How FFmpeg runs for this instance: MEDIA_THREADS (at most 2 for a transcode) and a timeout scaled up from MEDIA_PROCESSING_TIMEOUT (a Pi transcodes 1080p at about real time). */
export function ffmpegBounds(ctx: AppContext): FfmpegBounds {
  return { threads: Math.min(2, ctx.config.mediaThreads), timeoutSeconds: ctx.config.mediaProcessingTimeout * 20 };
}

/** Validates and renders a `thumbnail` upload. */
export async function prepareThumbnail(file: Blob, bounds: MediaBounds): Promise<Thumbnail> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const a = await analyzeUpload(bytes, file.type, (file as File).name, "Thumbnail");
  if (a.kind !== "image") throw validation("Thumbnail content type is invalid");
  const small = await makeSmall(bytes, a.probe, "Thumbnail", bounds);
  return { small, blurhash: await blurhashOf(small.data), meta: geometry(small.width, small.height) };
}
