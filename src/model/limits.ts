/**
 * The instance's content limits in one place: the instance endpoints publish them and the
 * services that validate statuses, media, polls and pins import them from here.
 */

/**
 * MIME types accepted for media uploads: exactly the types the upload sniffer (media/sniff.ts)
 * recognises and the pipeline processes (HEIC/HEIF become JPEG, video H.264/AAC MP4, audio MP3
 * through the bundled FFmpeg), so what the instance advertises is what it takes.
 */
export const SUPPORTED_MIME_TYPES = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/heic",
  "image/heif",
  "video/mp4",
  "video/quicktime",
  "video/x-m4v",
  "video/3gpp",
  "video/webm",
  "audio/mpeg",
  "audio/ogg",
  "audio/mp4",
  "audio/aac",
  "audio/wav",
  "audio/flac",
  "audio/webm",
] as const;

/** Every published limit, shaped like `configuration` of the v2 Instance entity. */
export const LIMITS = {
  accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
  statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
  media_attachments: {
    supported_mime_types: SUPPORTED_MIME_TYPES,
    image_size_limit: 16 * 1024 * 1024,
    image_matrix_limit: 33_177_600,
    video_size_limit: 99 * 1024 * 1024,
    video_frame_rate_limit: 120,
    video_matrix_limit: 8_294_400,
    description_limit: 1500,
  },
  polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
} as const;

/**
 * The `api_versions.mastodon` we claim. Mastodon 4.3.0 introduced the field with value 2; later
 * releases bump it for features Hearth may not have, so we claim the baseline only.
 */
export const MASTODON_API_VERSION = 2;
