/** Duration of simple audio files (mp3 by its first frame's bitrate, wav by its fmt chunk). */
import { CorruptMediaError, type AvInfo } from "./av-meta";

const MP3_KBPS_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_KBPS_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];

/** An mp3's duration estimated from the first frame's bitrate (exact for constant bitrate). */
export function readMp3(b: Uint8Array): AvInfo {
  let p = 0;
  if (b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33) {
    const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
    p = 10 + size;
  }
  // Find the first frame sync within a short window after the tag.
  const limit = Math.min(b.length - 4, p + 64 * 1024);
  while (p < limit && !(b[p] === 0xff && (b[p + 1]! & 0xe0) === 0xe0)) p++;
  if (p >= limit) throw new CorruptMediaError("no mp3 frame");
  const version = (b[p + 1]! >> 3) & 3; // 3 = MPEG1
  const layer = (b[p + 1]! >> 1) & 3; // 1 = layer III
  const idx = b[p + 2]! >> 4;
  const info: AvInfo = { hasVideo: false, hasAudio: true };
  if (layer === 1 && idx > 0 && idx < 15) {
    const kbps = (version === 3 ? MP3_KBPS_V1_L3 : MP3_KBPS_V2_L3)[idx]!;
    info.duration = ((b.length - p) * 8) / (kbps * 1000);
  }
  return info;
}

/** A wav file's duration from its fmt and data chunks. */
export function readWav(b: Uint8Array): AvInfo {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = 12;
  let byteRate = 0;
  let dataSize = 0;
  while (p + 8 <= b.length) {
    const id = String.fromCharCode(...b.subarray(p, p + 4));
    const size = dv.getUint32(p + 4, true);
    if (id === "fmt " && p + 16 <= b.length) byteRate = dv.getUint32(p + 16, true);
    if (id === "data") {
      dataSize = Math.min(size, b.length - p - 8);
      break;
    }
    p += 8 + size + (size & 1);
  }
  if (!byteRate) throw new CorruptMediaError("wav without fmt chunk");
  return { hasVideo: false, hasAudio: true, duration: dataSize / byteRate };
}
