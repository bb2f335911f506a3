/**
 * Profile images: validate an upload, re-encode it with sharp (EXIF orientation applied,
 * metadata stripped) and crop it to Mastodon's avatar/header sizes.
 */
import { validation } from "../model/errors";
import { loadSharp } from "./sharp";

export type ProfileImageKind = "avatar" | "header";

/** Target sizes Mastodon uses (avatar 400x400, header 1500x500). */
export const PROFILE_IMAGE_SIZES: Record<ProfileImageKind, { width: number; height: number }> = {
  avatar: { width: 400, height: 400 },
  header: { width: 1500, height: 500 },
};

/** Largest accepted upload. */
export const PROFILE_IMAGE_MAX_BYTES = 8 * 1024 * 1024;

/** A processed image ready for storage. */
export interface ProcessedImage {
  data: Buffer;
  ext: "png" | "jpg";
  contentType: "image/png" | "image/jpeg";
}

/**
 * Decodes and re-encodes an uploaded avatar or header. Throws a 422 ApiError for anything
 * that is not a complete, decodable image; writes nothing.
 */
export async function processProfileImage(file: Blob, kind: ProfileImageKind): Promise<ProcessedImage> {
  const label = kind === "avatar" ? "Avatar" : "Header";
  if (file.size === 0) throw validation(`${label} is empty`);
  if (file.size > PROFILE_IMAGE_MAX_BYTES) throw validation(`${label} file size must be less than 8 MB`);
  const input = Buffer.from(await file.arrayBuffer());
  // loadSharp() returns the CommonJS module (callable); its ESM typings put the function on `default`.
  const sharp = loadSharp() as unknown as typeof import("sharp").default;
  const { width, height } = PROFILE_IMAGE_SIZES[kind];
  try {
    // failOn "warning" rejects truncated and corrupt files instead of decoding them partially.
    const meta = await sharp(input, { failOn: "warning", limitInputPixels: 50_000_000 }).metadata();
    if (!meta.format || !["jpeg", "png", "gif", "webp", "avif", "heif"].includes(meta.format)) throw new Error("unsupported format");
    const keepAlpha = meta.hasAlpha || meta.format === "png" || meta.format === "gif";
    const pipeline = sharp(input, { failOn: "warning", limitInputPixels: 50_000_000 })
      .rotate()
      .resize(width, height, { fit: "cover", position: "centre" });
    const data = keepAlpha ? await pipeline.png().toBuffer() : await pipeline.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    return keepAlpha ? { data, ext: "png", contentType: "image/png" } : { data, ext: "jpg", contentType: "image/jpeg" };
  } catch {
    throw validation(`${label} must be a valid GIF, JPEG, PNG or WebP image`);
  }
}
