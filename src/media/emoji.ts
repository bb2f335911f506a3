/** Custom emoji images: PNG, GIF or WebP (static or animated) up to Mastodon's 256 KB, with a static PNG rendition. */
import { sniffMedia } from "./sniff";
import { loadSharp } from "./sharp";

/** Mastodon's CustomEmoji::LIMIT (local uploads and remote copies alike). */
export const EMOJI_MAX_BYTES = 256 * 1024;
const TYPES = new Set(["image/png", "image/gif", "image/webp"]);

/** A checked emoji image: the original bytes as given and a static PNG of its first frame. */
export interface EmojiImage {
  original: Uint8Array;
  mime: string;
  ext: string;
  staticPng: Uint8Array;
}

/** Checks and renders an emoji image; throws Error with a message safe to show. */
export async function processEmojiImage(bytes: Uint8Array): Promise<EmojiImage> {
  if (bytes.length === 0) throw new Error("Image is empty");
  if (bytes.length > EMOJI_MAX_BYTES) throw new Error("Image file size must be less than 256 KB");
  const sniffed = sniffMedia(bytes);
  if (!sniffed || !TYPES.has(sniffed.mime)) throw new Error("Image must be a PNG, GIF or WebP image");
  const sharp = loadSharp() as unknown as typeof import("sharp").default;
  try {
    const staticPng = await sharp(bytes, { failOn: "warning", limitInputPixels: 4_000_000, animated: false })
      .resize(128, 128, { fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer();
    return { original: bytes, mime: sniffed.mime, ext: sniffed.ext, staticPng: new Uint8Array(staticPng) };
  } catch {
    throw new Error("Image must be a PNG, GIF or WebP image");
  }
}
