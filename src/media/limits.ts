/**
 * Media limits: the published ones come from the instance's LIMITS (what /api/v2/instance
 * advertises in `configuration.media_attachments`); the rest are Mastodon's processing sizes.
 */
import { LIMITS, SUPPORTED_MIME_TYPES } from "../model/limits";

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
  /**
   * Animations: at most this many frames. Twitter refuses GIFs over 350 frames, and a 15 s
   * Giphy or phone clip at 50 fps (the fastest browsers play a GIF) has 750; a 10 fps terminal
   * recording of 80 s (783 frames, seen in the wild) still fits. A 10,000-frame file does not.
   */
  animatedMaxFrames: 1_000,
  /**
   * Animations: total decoded pixels over all frames (Twitter allows 300 million). 480x270 x 750
   * frames is 97 million; 640x421 x 783 is 211 million. Decoding is the cost that scales with it
   * (GIFs are not re-encoded unless their frames must shrink), ~25 ns a pixel on one core.
   */
  animatedTotalPixels: 250_000_000,
} as const;

/** MIME types accepted (detected from the bytes); /api/v1|v2/instance advertises this list. */
export { SUPPORTED_MIME_TYPES };
