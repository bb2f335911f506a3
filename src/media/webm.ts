/** A minimal EBML walker for WebM: which tracks exist, the video frame size and the duration. */
import { CorruptMediaError, type AvInfo } from "./av-meta";

const SEGMENT = 0x18538067,
  INFO = 0x1549a966,
  TRACKS = 0x1654ae6b,
  TRACK_ENTRY = 0xae,
  TRACK_TYPE = 0x83;
const VIDEO = 0xe0,
  PIXEL_WIDTH = 0xb0,
  PIXEL_HEIGHT = 0xba,
  TIMECODE_SCALE = 0x2ad7b1,
  DURATION = 0x4489;
const CLUSTER = 0x1f43b675;

/** Reads a variable-length integer; `marker` keeps the length bits (element ids do). */
function vint(b: Uint8Array, p: number, marker: boolean): { value: number; len: number; unknown: boolean } {
  const first = b[p];
  if (first === undefined) throw new CorruptMediaError("truncated EBML");
  let len = 1;
  while (len <= 8 && !(first & (0x80 >> (len - 1)))) len++;
  if (len > 8 || p + len > b.length) throw new CorruptMediaError("bad EBML length");
  let value = marker ? first : first & (0xff >> len);
  let allOnes = value === 0xff >> len;
  for (let i = 1; i < len; i++) {
    value = value * 256 + b[p + i]!;
    if (b[p + i] !== 0xff) allOnes = false;
  }
  return { value, len, unknown: !marker && allOnes };
}

function uint(b: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 256 + b[i]!;
  return v;
}

/** Reads a WebM file's tracks and duration; throws CorruptMediaError on broken structure. */
export function readWebm(b: Uint8Array): AvInfo {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const info: AvInfo = { hasVideo: false, hasAudio: false };
  let scale = 1_000_000;
  let rawDuration: number | undefined;
  let sawTracks = false;
  const walk = (start: number, end: number, depth: number, track: { type?: number } | null) => {
    let p = start;
    while (p < end) {
      const id = vint(b, p, true);
      const size = vint(b, p + id.len, false);
      const body = p + id.len + size.len;
      const bodyEnd = size.unknown ? end : body + size.value;
      if (bodyEnd > b.length) throw new CorruptMediaError("EBML element runs past the end of the file");
      switch (id.value) {
        case SEGMENT:
          walk(body, bodyEnd, depth + 1, null);
          break;
        case INFO:
          walk(body, bodyEnd, depth + 1, null);
          break;
        case TRACKS:
          sawTracks = true;
          walk(body, bodyEnd, depth + 1, null);
          break;
        case TRACK_ENTRY: {
          const t: { type?: number } = {};
          walk(body, bodyEnd, depth + 1, t);
          if (t.type === 1) info.hasVideo = true;
          if (t.type === 2) info.hasAudio = true;
          break;
        }
        case TRACK_TYPE:
          if (track) track.type = uint(b, body, bodyEnd);
          break;
        case VIDEO:
          walk(body, bodyEnd, depth + 1, track);
          break;
        case PIXEL_WIDTH:
          info.width ??= uint(b, body, bodyEnd);
          break;
        case PIXEL_HEIGHT:
          info.height ??= uint(b, body, bodyEnd);
          break;
        case TIMECODE_SCALE:
          scale = uint(b, body, bodyEnd);
          break;
        case DURATION:
          rawDuration = bodyEnd - body === 8 ? dv.getFloat64(body) : dv.getFloat32(body);
          break;
        case CLUSTER:
          if (sawTracks) return;
          break; // media data follows; headers are done
      }
      if (size.unknown) return;
      p = bodyEnd;
    }
  };
  // The EBML header comes first, then the Segment.
  walk(0, b.length, 0, null);
  if (!sawTracks) throw new CorruptMediaError("no Tracks element");
  if (rawDuration !== undefined) info.duration = (rawDuration * scale) / 1e9;
  return info;
}
