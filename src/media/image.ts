/**
 * The image pipeline over sharp: validate (format, pixel and frame limits, full decode),
 * auto-orient, strip metadata (sharp writes none unless asked), downscale the original, make the
 * `small` preview and its blurhash. Every rejection is a 422 ApiError naming the file; every
 * decode is bounded by `MediaBounds.timeoutSeconds`.
 */
import { encode as encodeBlurhash } from "blurhash";
import { validation } from "../model/errors";
import { stripGifMetadata, stripWebpMetadata } from "./animation-metadata";
import { MEDIA_LIMITS } from "./limits";
import { loadSharp } from "./sharp";

type SharpFn = typeof import("sharp").default;
/** sharp's callable entry, whatever shape loadSharp's declared type has. */
const sharpFn = (): SharpFn => loadSharp() as unknown as SharpFn;

/** How long one sharp pipeline may run (MEDIA_PROCESSING_TIMEOUT); sharp stops it after that. */
export interface MediaBounds {
  /** Whole seconds (sharp's unit), 1 or more. */
  timeoutSeconds: number;
}

/** The bounds when the caller has no configuration at hand (the configuration's default). */
export const DEFAULT_MEDIA_BOUNDS: MediaBounds = { timeoutSeconds: 60 };

/** What the header says about an image, with width/height after auto-orientation. */
export interface ImageProbe {
  mime: string;
  format: string;
  width: number;
  height: number;
  pages: number;
  animated: boolean;
}

/** An encoded image ready for storage. */
export interface EncodedImage {
  data: Buffer;
  width: number;
  height: number;
  mime: string;
  ext: string;
}

const SHARP_FORMAT: Record<string, string> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/avif": "heif",
};

/** Reads the header only: format must match the sniffed type and the pixel count the limits. */
export async function probeImage(bytes: Uint8Array, mime: string, what = "File"): Promise<ImageProbe> {
  const sharp = sharpFn();
  let meta: import("sharp").Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw validation(`${what} could not be processed`);
  }
  if (meta.format !== SHARP_FORMAT[mime] || !meta.width || !meta.height) {
    throw validation(`${what} has contents that are not what they are reported to be`);
  }
  const pages = meta.pages ?? 1;
  const frameHeight = meta.pageHeight ?? meta.height;
  const swap = (meta.orientation ?? 1) >= 5;
  const width = swap ? frameHeight : meta.width;
  const height = swap ? meta.width : frameHeight;
  const pixels = width * height;
  if (pixels > MEDIA_LIMITS.imageMatrixLimit) throw validation(`${what} dimensions ${width}x${height} are not supported`);
  const animated = pages > 1 && (mime === "image/gif" || mime === "image/webp");
  // Checked from the header before any frame is decoded: a 10,000-frame GIF costs nothing here.
  if (animated && (pages > MEDIA_LIMITS.animatedMaxFrames || pixels * pages > MEDIA_LIMITS.animatedTotalPixels)) {
    throw validation(`${what} has too many animation frames`);
  }
  // Mastodon turns animations into video, refused above the video matrix limit; so are these
  // (they are stored without re-encoding, so nothing could shrink them).
  if (animated && pixels > MEDIA_LIMITS.originalPixels) throw validation(`${what} dimensions ${width}x${height} are not supported`);
  return { mime, format: meta.format, width, height, pages, animated };
}

/** Largest size within `maxPixels` keeping the aspect ratio; never upscales. */
export function fitArea(width: number, height: number, maxPixels: number): { width: number; height: number } {
  if (width * height <= maxPixels) return { width, height };
  const s = Math.sqrt(maxPixels / (width * height));
  return { width: Math.max(1, Math.floor(width * s)), height: Math.max(1, Math.floor(height * s)) };
}

function input(bytes: Uint8Array, probe: ImageProbe, animated: boolean, bounds: MediaBounds) {
  const limit = animated ? MEDIA_LIMITS.animatedTotalPixels : MEDIA_LIMITS.imageMatrixLimit;
  // failOn "error" rejects truncated and corrupt data while tolerating harmless decoder warnings.
  return sharpFn()(bytes, { failOn: "error", limitInputPixels: limit, animated: animated && probe.animated })
    .timeout({ seconds: bounds.timeoutSeconds })
    .rotate();
}

async function encode(p: import("sharp").Sharp, fmt: string): Promise<{ data: Buffer; info: import("sharp").OutputInfo }> {
  switch (fmt) {
    case "jpeg":
      p = p.jpeg({ quality: 90 });
      break;
    case "webp":
      p = p.webp({ quality: 90 });
      break;
    case "gif":
      p = p.gif();
      break;
    default:
      p = p.png();
  }
  return p.toBuffer({ resolveWithObject: true });
}

const EXT: Record<string, [string, string]> = {
  jpeg: ["jpg", "image/jpeg"],
  png: ["png", "image/png"],
  webp: ["webp", "image/webp"],
  gif: ["gif", "image/gif"],
};

async function render(
  bytes: Uint8Array,
  probe: ImageProbe,
  maxPixels: number,
  fmt: string,
  animated: boolean,
  what: string,
  bounds: MediaBounds,
): Promise<EncodedImage> {
  const size = fitArea(probe.width, probe.height, maxPixels);
  let p = input(bytes, probe, animated, bounds);
  if (size.width !== probe.width || size.height !== probe.height) p = p.resize(size.width, size.height, { fit: "fill" });
  let out: { data: Buffer; info: import("sharp").OutputInfo };
  try {
    out = await encode(p, fmt);
  } catch {
    // Corrupt data, or sharp's timeout ("timeout: 37% complete"): the same answer either way.
    throw validation(`${what} could not be processed`);
  }
  const [ext, mime] = EXT[fmt]!;
  const height = animated && probe.animated ? (out.info.pageHeight ?? out.info.height) : out.info.height;
  return { data: out.data, width: out.info.width, height, mime, ext };
}

/**
 * An animated GIF or WebP is kept as uploaded minus its metadata blocks once every frame has
 * decoded: re-encoding costs 20 (WebP) to 100 (GIF: quantizing each frame) times the decoding,
 * over a minute for an ordinary 800-frame screen recording, and WebP's encoder held 800 MB.
 */
async function keepAnimation(bytes: Uint8Array, probe: ImageProbe, what: string, bounds: MediaBounds): Promise<EncodedImage> {
  const gif = probe.mime === "image/gif";
  const stripped = gif ? stripGifMetadata(bytes) : stripWebpMetadata(bytes);
  if (!stripped) throw validation(`${what} could not be processed`);
  try {
    // Decodes every frame (corrupt data fails here) into a 1x1-per-frame result.
    await input(stripped, probe, true, bounds).resize(1, 1, { fit: "fill" }).raw().toBuffer();
  } catch {
    throw validation(`${what} could not be processed`);
  }
  const [ext, mime] = EXT[gif ? "gif" : "webp"]!;
  return { data: Buffer.from(stripped), width: probe.width, height: probe.height, mime, ext };
}

/** The stored original: auto-oriented, metadata stripped, downscaled above Mastodon's 3840x2160 area. */
export async function makeOriginal(
  bytes: Uint8Array,
  probe: ImageProbe,
  what = "File",
  bounds: MediaBounds = DEFAULT_MEDIA_BOUNDS,
): Promise<EncodedImage> {
  // Static GIFs become PNG as Mastodon does; AVIF becomes JPEG (Mastodon converts it too).
  const fmt =
    probe.mime === "image/jpeg" || probe.mime === "image/avif"
      ? "jpeg"
      : probe.mime === "image/webp"
        ? "webp"
        : probe.mime === "image/gif" && probe.animated
          ? "gif"
          : "png";
  if (probe.animated) return keepAnimation(bytes, probe, what, bounds);
  const out = await render(bytes, probe, MEDIA_LIMITS.originalPixels, fmt, true, what, bounds);
  if (out.data.length > MEDIA_LIMITS.imageSizeLimit && fmt === "png") {
    // Still above the size limit: re-encode as WebP, which keeps transparency.
    return render(bytes, probe, MEDIA_LIMITS.originalPixels, "webp", true, what, bounds);
  }
  return out;
}

/** The `small` preview (fits 640x360 area, first frame of animations). */
export async function makeSmall(
  bytes: Uint8Array,
  probe: ImageProbe,
  what = "File",
  bounds: MediaBounds = DEFAULT_MEDIA_BOUNDS,
): Promise<EncodedImage> {
  const fmt = probe.mime === "image/jpeg" || probe.mime === "image/avif" ? "jpeg" : probe.mime === "image/webp" ? "webp" : "png";
  return render(bytes, probe, MEDIA_LIMITS.smallPixels, fmt, false, what, bounds);
}

/** A 4x4-component blurhash (Mastodon's setting) computed over a ≤100px RGBA rendering. */
export async function blurhashOf(image: Uint8Array): Promise<string> {
  const { data, info } = await sharpFn()(image)
    .resize(100, 100, { fit: "inside" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encodeBlurhash(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height, 4, 4);
}

/** Mastodon's geometry object for meta.original / meta.small. */
export function geometry(width: number, height: number): Record<string, unknown> {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}
