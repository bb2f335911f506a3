/**
 * Upload validation: detects the real type from the bytes, checks it against what the client
 * claimed and against the instance limits, and reads dimensions/duration. Throws 422 ApiErrors.
 */
import { validation } from "../model/errors";
import { readMp3, readWav } from "./audio-meta";
import { AvRejected, analyzeAv, avMeta } from "./av";
import { CorruptMediaError, type AvInfo } from "./av-meta";
import type { FfmpegBounds } from "./ffmpeg";
import { heicToJpeg } from "./heic";
import { probeImage, type ImageProbe } from "./image";
import { MEDIA_LIMITS } from "./limits";
import { readMp4 } from "./mp4";
import { claimedKind, sniffMedia } from "./sniff";
import { readWebm } from "./webm";

/** An accepted image; processing happens later from `probe`. */
export interface ImageAnalysis {
  kind: "image";
  type: "image";
  mime: string;
  ext: string;
  probe: ImageProbe;
  /** The bytes to process when they are not the upload's (a HEIC photo decoded to JPEG). */
  bytes?: Uint8Array;
}
/** An accepted video/audio file, transcoded later (see av.ts). */
export interface AvAnalysis {
  kind: "av";
  type: "video" | "gifv" | "audio";
  mime: string;
  ext: string;
  meta: Record<string, unknown>;
}
export type Analysis = ImageAnalysis | AvAnalysis;

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** FFmpeg's bounds when the caller has none (tests, thumbnails). */
const DEFAULT_FF: FfmpegBounds = { threads: 1, timeoutSeconds: 60 };

/** Validates an upload; `what` names the field in messages ("File", "Thumbnail"). */
export async function analyzeUpload(
  bytes: Uint8Array,
  declaredType: string | undefined,
  filename: string | undefined,
  what = "File",
  ff: FfmpegBounds = DEFAULT_FF,
): Promise<Analysis> {
  if (bytes.length === 0) throw validation(`${what} can't be blank`);
  const sniffed = sniffMedia(bytes);
  if (!sniffed) throw validation(`${what} content type is invalid`);
  const claimed = claimedKind(declaredType, filename);
  if (claimed && (claimed === "image") !== (sniffed.kind === "image")) {
    throw validation(`${what} has contents that are not what they are reported to be`);
  }
  const limit = sniffed.kind === "image" ? MEDIA_LIMITS.imageSizeLimit : MEDIA_LIMITS.videoSizeLimit;
  if (bytes.length > limit) throw validation(`${what} file size must be less than ${MB(limit)}`);
  if (sniffed.ext === "heic") {
    // iPhones' default: decoded (HEVC, in WebAssembly) and processed as a JPEG from here on.
    let jpeg: Uint8Array;
    try {
      jpeg = await heicToJpeg(bytes);
    } catch {
      throw validation(`${what} could not be processed`);
    }
    const probe = await probeImage(jpeg, "image/jpeg", what);
    return { kind: "image", type: "image", mime: sniffed.mime, ext: "jpg", probe, bytes: jpeg };
  }
  if (sniffed.kind === "image") {
    const probe = await probeImage(bytes, sniffed.mime, what);
    // An animated GIF becomes a silent MP4 (gifv), as Mastodon converts them.
    if (!(probe.animated && sniffed.mime === "image/gif")) {
      return { kind: "image", type: "image", mime: sniffed.mime, ext: sniffed.ext, probe };
    }
  }
  let info: AvInfo;
  try {
    info =
      sniffed.ext === "mp4"
        ? readMp4(bytes)
        : sniffed.ext === "webm"
          ? readWebm(bytes)
          : sniffed.ext === "mp3"
            ? readMp3(bytes)
            : sniffed.ext === "wav"
              ? readWav(bytes)
              : { hasVideo: false, hasAudio: true };
  } catch (e) {
    if (e instanceof CorruptMediaError || e instanceof RangeError) throw validation(`${what} could not be processed`);
    throw e;
  }
  if (!info.hasVideo && !info.hasAudio) throw validation(`${what} has no audio or video stream`);
  if (info.hasVideo) {
    if (info.width && info.height && info.width * info.height > MEDIA_LIMITS.videoMatrixLimit) {
      throw validation(`${what} dimensions ${info.width}x${info.height} are not supported`);
    }
    if (info.fps && Math.floor(info.fps) > MEDIA_LIMITS.videoFrameRateLimit)
      throw validation(`${what} frame rate ${Math.floor(info.fps)}fps is not supported`);
  }
  let type: "video" | "gifv" | "audio";
  let meta: Record<string, unknown>;
  try {
    const a = await analyzeAv(bytes, sniffed.ext, ff);
    type = a.type;
    meta = avMeta(a.probe, bytes.length);
  } catch (e) {
    if (e instanceof AvRejected) throw validation(`${what} ${e.message}`);
    throw e;
  }
  if (type === "gifv") return { kind: "av", type, mime: sniffed.mime, ext: sniffed.ext, meta };
  if (type === "audio") {
    // Audio in a video container is audio, as Mastodon's type corrector decides.
    const mime = sniffed.ext === "mp4" ? "audio/mp4" : sniffed.ext === "webm" ? "audio/webm" : sniffed.mime;
    const ext = sniffed.ext === "mp4" ? "m4a" : sniffed.ext;
    return { kind: "av", type: "audio", mime, ext, meta };
  }
  // Mastodon marks a video without an audio track as gifv (a looping, silent clip).
  return { kind: "av", type, mime: sniffed.mime, ext: sniffed.ext, meta };
}
