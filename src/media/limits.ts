/**
 * Media limits: the published ones come from the instance's LIMITS (what /api/v2/instance
 * advertises in `configuration.media_attachments`); the rest are Mastodon's processing sizes.
 */
import { LIMITS } from "../model/limits";

const PUBLISHED = LIMITS.media_attachments;

/** Upload limits and the processing thresholds derived from Mastodon's MediaAttachment model. */
export const MEDIA_LIMITS = {
  /** Largest image upload in bytes (16 MiB). */
  imageSizeLimit: PUBLISHED.image_size_limit,
  /** Largest decoded image in pixels (7680x4320); larger images are rejected. */
  imageMatrixLimit: PUBLISHED.image_matrix_limit,
  /** Largest video/audio upload in bytes (99 MiB). */
  videoSizeLimit: PUBLISHED.video_size_limit,
  videoFrameRateLimit: PUBLISHED.video_frame_rate_limit,
  /** Largest video frame in pixels (3840x2160). */
  videoMatrixLimit: PUBLISHED.video_matrix_limit,
  descriptionLimit: PUBLISHED.description_limit,
  /** Originals above this many pixels are downscaled to fit (Mastodon: 3840x2160). */
  originalPixels: 8_294_400,
  /** The `small` preview fits this many pixels (Mastodon: 640x360). */
  smallPixels: 230_400,
  /** Uploads below both thresholds are processed inline and answer 200; others answer 202. */
  inlineBytes: 2 * 1024 * 1024,
  inlinePixels: 4_000_000,
  /** Animated images: total decoded pixels over all frames. */
  animatedTotalPixels: 4 * PUBLISHED.image_matrix_limit,
} as const;

/** MIME types actually accepted (detected from the bytes): no HEIC, QuickTime or FLAC without a transcoder. */
export const SUPPORTED_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/avif",
  "video/mp4",
  "video/webm",
  "audio/mpeg",
  "audio/ogg",
  "audio/mp4",
  "audio/wav",
  "audio/webm",
] as const;
