/** Preview card thumbnails: Mastodon keeps at most a 640x360 area (230,400 pixels), GIFs as JPEG, with a blurhash. */
import { loadSharp } from "./sharp";
import { blurhashOf, fitArea, probeImage } from "./image";

/** Mastodon's PreviewCard image area. */
export const CARD_IMAGE_PIXELS = 230_400;
/** Mastodon's PreviewCard image size limit. */
export const CARD_IMAGE_MAX_BYTES = 8 * 1024 * 1024;

/** The processed thumbnail of an image of type `mime` (first frame; auto-oriented, metadata stripped). */
export async function makeCardImage(
  bytes: Uint8Array,
  mime: string,
): Promise<{ data: Buffer; width: number; height: number; ext: string; mime: string; blurhash: string }> {
  const probe = await probeImage(bytes, mime, "Image");
  const size = fitArea(probe.width, probe.height, CARD_IMAGE_PIXELS);
  const sharp = loadSharp() as unknown as typeof import("sharp").default;
  let p = sharp(bytes, { failOn: "error", animated: false })
    .timeout({ seconds: 30 })
    .rotate()
    .resize(size.width, size.height, { fit: "fill" });
  const png = mime === "image/png" || mime === "image/webp";
  p = png ? p.png() : p.jpeg({ quality: 90 });
  const out = await p.toBuffer({ resolveWithObject: true });
  return {
    data: out.data,
    width: out.info.width,
    height: out.info.height,
    ext: png ? "png" : "jpg",
    mime: png ? "image/png" : "image/jpeg",
    blurhash: await blurhashOf(out.data),
  };
}
