/**
 * Metadata removal from animated GIF and WebP files without decoding them: keeps what draws,
 * colours and loops the animation and drops the rest (comments, EXIF, XMP, unknown blocks).
 * Animations are stored this way because re-encoding every frame costs 20 to 100 times decoding.
 */

/** GIF application blocks kept: loop count (NETSCAPE, ANIMEXTS) and the ICC colour profile. */
const KEPT_GIF_APPS = new Set(["NETSCAPE2.0", "ANIMEXTS1.0", "ICCRGBG1012"]);

/** Where the sub-blocks starting at `p` end (after the 0 terminator), or -1 past the end. */
function skipSubBlocks(b: Uint8Array, p: number): number {
  while (p < b.length) {
    const n = b[p]!;
    p += 1 + n;
    if (n === 0) return p;
  }
  return -1;
}

const colourTableSize = (packed: number) => (packed & 0x80 ? 3 * (1 << ((packed & 7) + 1)) : 0);

/**
 * The GIF with only its image-defining blocks, ending in a trailer; null when the block
 * structure is broken (a file cut short between blocks gets its trailer back).
 */
export function stripGifMetadata(b: Uint8Array): Uint8Array | null {
  if (b.length < 13) return null;
  const head = 13 + colourTableSize(b[10]!);
  if (head > b.length) return null;
  const out = new Uint8Array(b.length + 1);
  out.set(b.subarray(0, head));
  let o = head;
  let p = head;
  const keep = (from: number, to: number) => {
    out.set(b.subarray(from, to), o);
    o += to - from;
  };
  while (p < b.length && b[p] !== 0x3b) {
    const start = p;
    if (b[p] === 0x2c) {
      // Image descriptor (10 bytes), local colour table, LZW code size, data sub-blocks.
      if (p + 10 > b.length) return null;
      p += 10 + colourTableSize(b[p + 9]!) + 1;
      if (p > b.length) return null;
      p = skipSubBlocks(b, p);
      if (p < 0) return null;
      keep(start, p);
    } else if (b[p] === 0x21 && p + 1 < b.length) {
      const label = b[p + 1]!;
      p = skipSubBlocks(b, p + 2);
      if (p < 0) return null;
      const app = label === 0xff && b[start + 2] === 11 ? String.fromCharCode(...b.subarray(start + 3, start + 14)) : "";
      if (label === 0xf9 || KEPT_GIF_APPS.has(app)) keep(start, p);
    } else {
      return null;
    }
  }
  out[o++] = 0x3b;
  return out.subarray(0, o);
}

/** WebP chunks kept: the extended header, colour profile, animation parameters and frames. */
const KEPT_WEBP_CHUNKS = new Set(["VP8X", "ICCP", "ANIM", "ANMF"]);
/** VP8X flag bits of the EXIF and XMP chunks, cleared with the chunks. */
const WEBP_EXIF_XMP_FLAGS = 0x08 | 0x04;

/** An animated (VP8X) WebP without its EXIF, XMP and unknown chunks; null when the RIFF structure is broken. */
export function stripWebpMetadata(b: Uint8Array): Uint8Array | null {
  const tag = (p: number) => String.fromCharCode(...b.subarray(p, p + 4));
  if (b.length < 20 || tag(0) !== "RIFF" || tag(8) !== "WEBP" || tag(12) !== "VP8X") return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const end = Math.min(b.length, 8 + dv.getUint32(4, true));
  const out = new Uint8Array(end);
  out.set(b.subarray(0, 12));
  let o = 12;
  let p = 12;
  while (p + 8 <= end) {
    const size = dv.getUint32(p + 4, true);
    const next = p + 8 + size + (size & 1);
    if (next > end + (size & 1)) return null;
    if (KEPT_WEBP_CHUNKS.has(tag(p))) {
      out.set(b.subarray(p, Math.min(next, end)), o);
      if (tag(p) === "VP8X") out[o + 8] = out[o + 8]! & ~WEBP_EXIF_XMP_FLAGS;
      o += Math.min(next, end) - p;
    }
    p = next;
  }
  if (p < end) return null;
  new DataView(out.buffer).setUint32(4, o - 8, true);
  return out.subarray(0, o);
}
