/**
 * HEIC/HEIF photos (iPhones' default) to JPEG. sharp's prebuilt libvips reads HEIF only with
 * AV1 inside (AVIF), not HEVC, so the primary image is decoded by libheif compiled to
 * WebAssembly (heic-decode → libheif-js: the same code on x64 and arm64, nothing native to ship)
 * and re-encoded by sharp. libheif applies the file's rotation and mirroring; no metadata is kept.
 */
import { MEDIA_LIMITS } from "./limits";
import { loadSharp } from "./sharp";

type Decoded = { width: number; height: number; data: Uint8ClampedArray };
type HeicImage = { width: number; height: number; decode(): Promise<Decoded> };
type DecodeAll = (o: { buffer: Uint8Array }) => Promise<HeicImage[] & { dispose(): void }>;

/** Decodes the primary image of a HEIC/HEIF file and encodes it as a JPEG (quality 90). Throws on any failure. */
export async function heicToJpeg(bytes: Uint8Array): Promise<Uint8Array> {
  const all = (require("heic-decode") as { all: DecodeAll }).all;
  const images = await all({ buffer: bytes });
  try {
    const first = images[0];
    if (!first) throw new Error("no image");
    // Refused before the pixels are allocated: a header can claim any size.
    if (!first.width || !first.height || first.width * first.height > MEDIA_LIMITS.imageMatrixLimit) {
      throw new Error(`dimensions ${first.width}x${first.height}`);
    }
    const img = await first.decode();
    const sharp = loadSharp() as unknown as typeof import("sharp").default;
    const raw = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    return new Uint8Array(
      await sharp(raw, { raw: { width: img.width, height: img.height, channels: 4 } })
        .removeAlpha()
        .jpeg({ quality: 90 })
        .toBuffer(),
    );
  } finally {
    images.dispose();
  }
}
