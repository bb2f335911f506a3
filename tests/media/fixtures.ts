/** Test media made at test time: images through sharp, and hand-built mp4/webm/png containers. */
import { loadSharp } from "../../src/media/sharp";

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;

/** A smooth gradient image (compresses well but is not a flat colour). */
export async function gradient(
  width: number,
  height: number,
  format: "png" | "jpeg" | "webp" | "gif",
  opts: { gps?: boolean; orientation?: number } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x + y) * 7) & 255;
    }
  }
  let p = sharp()(raw, { raw: { width, height, channels: 3 } });
  if (format === "jpeg") p = p.jpeg({ quality: 92 });
  else if (format === "webp") p = p.webp();
  else if (format === "gif") p = p.gif();
  else p = p.png();
  if (opts.gps) {
    p = p.withExif({
      IFD0: { Make: "HearthCam", Model: "GPS-Test" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    });
  }
  if (opts.orientation) p = p.withMetadata({ orientation: opts.orientation });
  return new Uint8Array(await p.toBuffer());
}

/** A JPEG covered with a tiled 64px noise pattern: big in bytes, cheap to make. */
export async function noiseJpeg(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const tile = await sharp()(Buffer.from(crypto.getRandomValues(new Uint8Array(64 * 64 * 3))), {
    raw: { width: 64, height: 64, channels: 3 },
  })
    .png()
    .toBuffer();
  const img = sharp()({ create: { width, height, channels: 3, background: "#808080" } }).composite([{ input: tile, tile: true }]);
  return new Uint8Array(await img.jpeg({ quality: 90 }).toBuffer());
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}
function box(type: string, ...parts: number[][]): number[] {
  const body = parts.flat();
  return [...u32(body.length + 8), ...ascii(type), ...body];
}

/** A PNG whose header declares width x height with a token image body (a decompression-bomb header). */
export function pngHeaderOnly(width: number, height: number): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: number[]) => {
    const td = new Uint8Array([...ascii(type), ...data]);
    return [...u32(data.length), ...td, ...u32(Bun.hash.crc32(td))];
  };
  const ihdr = [...u32(width), ...u32(height), 8, 2, 0, 0, 0];
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk("IHDR", ihdr),
    ...chunk("IDAT", [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
    ...chunk("IEND", []),
  ]);
}

/** A structurally valid mp4 (no real frames): video track of w x h (unless `video: false`), `frames` samples over `seconds`, optional audio track. */
export function mp4(opts: {
  width: number;
  height: number;
  seconds: number;
  frames: number;
  audio?: boolean;
  video?: boolean;
  brand?: string;
}): Uint8Array<ArrayBuffer> {
  const ts = 1000;
  const dur = opts.seconds * ts;
  const fullBox = (type: string, ...parts: number[][]) => box(type, [0, 0, 0, 0], ...parts);
  const mvhd = fullBox("mvhd", u32(0), u32(0), u32(ts), u32(dur), new Array(80).fill(0));
  const track = (handler: string, w: number, h: number, samples: number) =>
    box(
      "trak",
      fullBox("tkhd", u32(0), u32(0), u32(1), u32(0), u32(dur), new Array(52).fill(0), u32(w * 65536), u32(h * 65536)),
      box(
        "mdia",
        fullBox("mdhd", u32(0), u32(0), u32(ts), u32(dur), [0, 0, 0, 0]),
        fullBox("hdlr", u32(0), ascii(handler), new Array(12).fill(0), [0]),
        box("minf", box("stbl", fullBox("stts", u32(1), u32(samples), u32(Math.round(dur / Math.max(samples, 1)))))),
      ),
    );
  const moov = box(
    "moov",
    mvhd,
    ...(opts.video === false ? [] : [track("vide", opts.width, opts.height, opts.frames)]),
    ...(opts.audio ? [track("soun", 0, 0, 100)] : []),
  );
  const ftyp = box("ftyp", ascii(opts.brand ?? "isom"), u32(512), ascii("isomiso2mp41"));
  return new Uint8Array([...ftyp, ...moov, ...box("mdat", new Array(64).fill(7))]);
}

/** A minimal WebM: EBML header, Info with duration, Tracks with a video (unless `video: false`) and optional audio track, one Cluster. */
export function webm(opts: { width: number; height: number; seconds: number; audio?: boolean; video?: boolean }): Uint8Array<ArrayBuffer> {
  const el = (id: number[], body: number[]) => {
    const n = body.length; // 8-byte size vint
    return [...id, 0x01, 0, 0, 0, (n / 2 ** 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...body];
  };
  const uintEl = (id: number[], v: number) => el(id, u32(v));
  const f64 = (v: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v);
    return [...b];
  };
  const header = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], ascii("webm")));
  const info = el([0x15, 0x49, 0xa9, 0x66], [...uintEl([0x2a, 0xd7, 0xb1], 1_000_000), ...el([0x44, 0x89], f64(opts.seconds * 1000))]);
  const video = el([0xae], [...uintEl([0x83], 1), ...el([0xe0], [...uintEl([0xb0], opts.width), ...uintEl([0xba], opts.height)])]);
  const audio = opts.audio ? el([0xae], uintEl([0x83], 2)) : [];
  const tracks = el([0x16, 0x54, 0xae, 0x6b], [...(opts.video === false ? [] : video), ...audio]);
  const cluster = el([0x1f, 0x43, 0xb6, 0x75], new Array(32).fill(0));
  return new Uint8Array([...header, ...el([0x18, 0x53, 0x80, 0x67], [...info, ...tracks, ...cluster])]);
}

/** Whether a buffer contains an ASCII marker (e.g. EXIF camera make). */
export function contains(hay: Uint8Array, needle: string): boolean {
  return Buffer.from(hay).includes(Buffer.from(needle));
}

/** A 3-frame animated GIF of width x height. */
export async function animatedGif(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const frame = (c: string) =>
    sharp()({ create: { width, height, channels: 3, background: c } })
      .png()
      .toBuffer();
  const frames = [await frame("#c0392b"), await frame("#27ae60"), await frame("#2980b9")];
  return new Uint8Array(
    await sharp()(frames, { join: { animated: true } })
      .gif({ delay: 100, loop: 0 })
      .toBuffer(),
  );
}
