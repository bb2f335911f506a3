/**
 * The instance thumbnail: an uploaded image re-encoded with sharp (EXIF orientation applied,
 * metadata stripped) into Mastodon's two versions, @1x 1200x630 and @2x 2400x1260 (cropped to fill), with a blurhash.
 */
import { validation } from "../model/errors";
import { blurhashOf } from "./image";
import { loadSharp } from "./sharp";

/** Largest accepted upload (Mastodon's SiteUpload limit is 8 MB too). */
export const THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

const VERSIONS = { "@1x": [1200, 630], "@2x": [2400, 1260] } as const;

/** The processed versions (PNG) and the blurhash. */
export interface ProcessedThumbnail {
  versions: Record<keyof typeof VERSIONS, Buffer>;
  blurhash: string;
}

/** Decodes and re-encodes an uploaded thumbnail; 422 for anything that is not a decodable image. */
export async function processThumbnail(file: Blob): Promise<ProcessedThumbnail> {
  if (file.size === 0) throw validation("Thumbnail is empty");
  if (file.size > THUMBNAIL_MAX_BYTES) throw validation("Thumbnail file size must be less than 8 MB");
  const input = Buffer.from(await file.arrayBuffer());
  const sharp = loadSharp() as unknown as typeof import("sharp").default;
  try {
    const meta = await sharp(input, { failOn: "warning", limitInputPixels: 50_000_000 }).metadata();
    if (!meta.format || !["jpeg", "png", "gif", "webp", "avif", "heif"].includes(meta.format)) throw new Error("unsupported format");
    const out = {} as Record<keyof typeof VERSIONS, Buffer>;
    for (const [name, [w, h]] of Object.entries(VERSIONS) as [keyof typeof VERSIONS, readonly [number, number]][])
      out[name] = await sharp(input, { failOn: "warning", limitInputPixels: 50_000_000 })
        .rotate()
        .resize(w, h, { fit: "cover", position: "centre" })
        .png()
        .toBuffer();
    return { versions: out, blurhash: await blurhashOf(out["@1x"]) };
  } catch {
    throw validation("Thumbnail must be a valid GIF, JPEG, PNG or WebP image");
  }
}
