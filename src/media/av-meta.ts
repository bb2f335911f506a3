/** Metadata shared by the container parsers (mp4, webm, mp3, wav): what can be read without a decoder. */

/** Tracks and timing read from a container. Throws on a structurally broken (e.g. truncated) file. */
export interface AvInfo {
  hasVideo: boolean;
  hasAudio: boolean;
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
  /** Frames per second as "num/den", as Mastodon reports it. */
  frameRate?: string;
  fps?: number;
}

/** A file whose structure does not hold together. */
export class CorruptMediaError extends Error {}

/** Greatest common divisor, for reducing frame-rate fractions. */
export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Turns a frames/seconds pair into Mastodon's "num/den" frame-rate string. */
export function frameRateString(frames: number, durationUnits: number, timescale: number): { frameRate: string; fps: number } | undefined {
  if (!frames || !durationUnits || !timescale) return undefined;
  let num = frames * timescale;
  let den = durationUnits;
  const g = gcd(num, den) || 1;
  num /= g;
  den /= g;
  // Keep it readable: round to 1/1000 when the exact fraction is unwieldy.
  if (den > 1000) {
    num = Math.round((num / den) * 1000);
    den = 1000;
    const g2 = gcd(num, den) || 1;
    num /= g2;
    den /= g2;
  }
  return { frameRate: `${num}/${den}`, fps: num / den };
}

/** Mastodon's `meta.original` for video/audio from what was read. */
export function avOriginalMeta(info: AvInfo, bytes: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (info.width && info.height) {
    out.width = info.width;
    out.height = info.height;
    out.size = `${info.width}x${info.height}`;
    out.aspect = info.width / info.height;
  }
  if (info.frameRate) out.frame_rate = info.frameRate;
  if (info.duration && Number.isFinite(info.duration)) {
    out.duration = Math.round(info.duration * 100) / 100;
    out.bitrate = Math.round((bytes * 8) / info.duration);
  }
  return out;
}
