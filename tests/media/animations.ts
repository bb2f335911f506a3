/**
 * Animated GIFs of any frame count made in milliseconds: sharp encodes a few distinct frames
 * once, and their image blocks are repeated byte for byte (each with a 20 ms graphic control
 * block) behind a NETSCAPE loop block. Consecutive frames differ, so no encoder can merge them.
 */
import { loadSharp } from "../../src/media/sharp";

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;

/** Splits a GIF into its head (header, screen descriptor, global colour table) and image blocks. */
function imageBlocks(g: Uint8Array): { head: Uint8Array; images: Uint8Array[] } {
  const table = (packed: number) => (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);
  const skip = (p: number) => {
    while (g[p]) p += g[p]! + 1;
    return p + 1;
  };
  let p = 13 + table(g[10]!);
  const head = g.subarray(0, p);
  const images: Uint8Array[] = [];
  while (p < g.length && g[p] !== 0x3b) {
    if (g[p] === 0x21) p = skip(p + 2);
    else if (g[p] === 0x2c) {
      const start = p;
      p = skip(p + 10 + table(g[p + 9]!) + 1);
      images.push(g.subarray(start, p));
    } else throw new Error(`unexpected GIF block ${g[p]} at ${p}`);
  }
  return { head, images };
}

/**
 * A looping GIF of `frames` frames of width x height. `pattern` "flat": each frame one colour
 * (tiny files however large the frames); "blocks": 16px squares of shifting colours.
 * `comment` adds a GIF comment block (metadata that must not be stored).
 */
export async function animatedGifOf(
  frames: number,
  width: number,
  height: number,
  opts: { pattern?: "flat" | "blocks"; comment?: string } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const distinct = 4;
  const raw = Buffer.alloc(width * height * distinct * 3);
  for (let f = 0; f < distinct; f++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = ((f * height + y) * width + x) * 3;
        const c = opts.pattern === "flat" ? f * 60 : ((x >> 4) * 37 + (y >> 4) * 23 + f * 61) & 255;
        raw[i] = c;
        raw[i + 1] = 255 - c;
        raw[i + 2] = (c * 5) & 255;
      }
    }
  }
  const source = await sharp()(raw, { raw: { width, height: height * distinct, channels: 3, pageHeight: height } })
    .gif({ effort: 1 })
    .toBuffer();
  const { head, images } = imageBlocks(new Uint8Array(source));
  const parts: number[][] = [[0x21, 0xff, 0x0b, ...Buffer.from("NETSCAPE2.0"), 3, 1, 0, 0, 0]];
  if (opts.comment) parts.push([0x21, 0xfe, opts.comment.length, ...Buffer.from(opts.comment), 0]);
  const gce = [0x21, 0xf9, 4, 0, 2, 0, 0, 0];
  let size = head.length + parts.flat().length + 1;
  for (let i = 0; i < frames; i++) size += gce.length + images[i % images.length]!.length;
  const out = new Uint8Array(size);
  out.set(head);
  let p = head.length;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  for (let i = 0; i < frames; i++) {
    const img = images[i % images.length]!;
    out.set(gce, p);
    out.set(img, p + gce.length);
    p += gce.length + img.length;
  }
  out[p] = 0x3b;
  return out;
}
