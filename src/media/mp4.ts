/** A small ISO-BMFF (mp4/m4a) box walker: tracks, frame size, duration and frame rate from moov. */
import { CorruptMediaError, frameRateString, type AvInfo } from "./av-meta";

interface Box {
  type: string;
  start: number;
  end: number;
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl"]);

function* boxes(b: Uint8Array, dv: DataView, start: number, end: number): Generator<Box> {
  let p = start;
  while (p + 8 <= end) {
    let size = dv.getUint32(p);
    const type = String.fromCharCode(b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
    let header = 8;
    if (size === 1) {
      if (p + 16 > end) throw new CorruptMediaError("truncated box header");
      size = Number(dv.getBigUint64(p + 8));
      header = 16;
    } else if (size === 0) {
      size = end - p;
    }
    if (size < header || p + size > end) throw new CorruptMediaError(`box ${type} runs past the end of the file`);
    yield { type, start: p + header, end: p + size };
    p += size;
  }
  if (p !== end && end - p >= 8) throw new CorruptMediaError("trailing garbage");
}

interface Track {
  handler?: string;
  width?: number;
  height?: number;
  timescale?: number;
  duration?: number;
  samples?: number;
}

/** Reads an mp4/m4a file's tracks and timing; throws CorruptMediaError when boxes do not add up. */
export function readMp4(b: Uint8Array): AvInfo {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let moov: Box | undefined;
  let sawMdat = false;
  for (const box of boxes(b, dv, 0, b.length)) {
    if (box.type === "moov") moov = box;
    if (box.type === "mdat") sawMdat = true;
  }
  if (!moov) throw new CorruptMediaError("no moov box");
  if (!sawMdat) throw new CorruptMediaError("no media data");
  let movieDuration: number | undefined;
  const tracks: Track[] = [];
  const walk = (box: Box, track: Track | null) => {
    for (const child of boxes(b, dv, box.start, box.end)) {
      const v = b[child.start] ?? 0; // full-box version
      if (child.type === "mvhd") {
        const ts = v === 1 ? dv.getUint32(child.start + 20) : dv.getUint32(child.start + 12);
        const d = v === 1 ? Number(dv.getBigUint64(child.start + 24)) : dv.getUint32(child.start + 16);
        if (ts) movieDuration = d / ts;
      } else if (child.type === "trak") {
        const t: Track = {};
        tracks.push(t);
        walk(child, t);
      } else if (track && child.type === "tkhd") {
        const off = child.end - 8;
        track.width = dv.getUint32(off) / 65536;
        track.height = dv.getUint32(off + 4) / 65536;
      } else if (track && child.type === "mdhd") {
        track.timescale = v === 1 ? dv.getUint32(child.start + 20) : dv.getUint32(child.start + 12);
        track.duration = v === 1 ? Number(dv.getBigUint64(child.start + 24)) : dv.getUint32(child.start + 16);
      } else if (track && child.type === "hdlr") {
        track.handler = String.fromCharCode(...b.subarray(child.start + 8, child.start + 12));
      } else if (track && child.type === "stts") {
        const n = dv.getUint32(child.start + 4);
        let samples = 0;
        for (let i = 0; i < n && child.start + 16 + i * 8 <= child.end; i++) samples += dv.getUint32(child.start + 8 + i * 8);
        track.samples = samples;
      } else if (CONTAINERS.has(child.type)) {
        walk(child, track);
      }
    }
  };
  try {
    walk(moov, null);
  } catch (e) {
    if (e instanceof CorruptMediaError) throw e;
    throw new CorruptMediaError("malformed moov box");
  }
  const video = tracks.find((t) => t.handler === "vide");
  const audio = tracks.find((t) => t.handler === "soun");
  const info: AvInfo = { hasVideo: !!video, hasAudio: !!audio, duration: movieDuration };
  if (video) {
    if (video.width && video.height) {
      info.width = Math.round(video.width);
      info.height = Math.round(video.height);
    }
    const fr = frameRateString(video.samples ?? 0, video.duration ?? 0, video.timescale ?? 0);
    if (fr) {
      info.frameRate = fr.frameRate;
      info.fps = fr.fps;
    }
  }
  return info;
}
