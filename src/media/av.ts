/**
 * Video and audio processing over FFmpeg, as Mastodon does it: video becomes H.264 + AAC in MP4
 * with +faststart (an already browser-playable H.264/AAC MP4/MOV within the limits is only
 * remuxed, which also drops its metadata, e.g. a phone's GPS location), at most 1920x1080 worth
 * of pixels, 60 fps and ~1300 kbit/s; audio becomes MP3 (an MP3 is remuxed without its tags);
 * animated GIFs and silent videos become `gifv` (silent MP4). The preview frame is the first
 * frame. `meta` is what Mastodon reports: length, duration, fps, size, width, height, aspect,
 * audio_encode, audio_bitrate, audio_channels and `original` {width, height, frame_rate,
 * duration, bitrate}.
 */
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AvProbe, FfmpegError, inputArgs, probeAv, runFfmpeg, type FfmpegBounds } from "./ffmpeg";
import { MEDIA_LIMITS } from "./limits";

/** Why an upload cannot be processed (answered 422). */
export class AvRejected extends Error {}

/** Frame area transcoded video is scaled into (Mastodon's 1080p), and the frame-rate cap. */
export const VIDEO_AREA = 1920 * 1080;
export const VIDEO_FPS = 60;
/** Longest video/audio accepted: a Pi transcodes 1080p at roughly real time, so this bounds a job. */
export const AV_MAX_SECONDS = 600;

/** A temp file path private to this process for probing in-memory uploads. */
export function tempPath(ext: string): string {
  const rand = Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex");
  return join(tmpdir(), `hearth-av-${process.pid}-${rand}.${ext}`);
}

/** The type an upload becomes, checked against the limits. Throws AvRejected. */
export function classify(p: AvProbe, ext: string): "video" | "gifv" | "audio" {
  if (!p.video && !p.audio) throw new AvRejected("has no audio or video stream");
  if (p.duration === undefined && ext !== "gif") throw new AvRejected("could not be processed");
  if ((p.duration ?? 0) > AV_MAX_SECONDS) throw new AvRejected(`is longer than ${AV_MAX_SECONDS / 60} minutes`);
  if (p.video) {
    const { width, height } = p.video;
    if (!width || !height) throw new AvRejected("could not be processed");
    if (width * height > MEDIA_LIMITS.videoMatrixLimit) throw new AvRejected(`dimensions ${width}x${height} are not supported`);
    if (p.video.fps && p.video.fps > 1000) throw new AvRejected(`frame rate ${Math.floor(p.video.fps)}fps is not supported`);
    return p.audio && ext !== "gif" ? "video" : "gifv";
  }
  return "audio";
}

/** Probes an in-memory upload. Throws AvRejected for what FFmpeg cannot read or the limits refuse. */
export async function analyzeAv(bytes: Uint8Array, ext: string, bounds: FfmpegBounds) {
  const path = tempPath(ext);
  try {
    await Bun.write(path, bytes);
    let probe: AvProbe;
    try {
      probe = await probeAv(path, ext, bounds);
    } catch (e) {
      if (e instanceof FfmpegError) throw new AvRejected("could not be processed");
      throw e;
    }
    return { probe, type: classify(probe, ext) };
  } finally {
    await rm(path, { force: true });
  }
}

const hms = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = (s % 60).toFixed(2).padStart(5, "0");
  return `${h}:${String(m).padStart(2, "0")}:${sec}`;
};

/** Mastodon's meta for a processed file. */
export function avMeta(p: AvProbe, bytes: number): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  const original: Record<string, unknown> = {};
  if (p.duration !== undefined) {
    meta.length = hms(p.duration);
    meta.duration = Math.round(p.duration * 100) / 100;
  }
  if (p.video) {
    const { width, height } = p.video;
    if (p.video.fps) meta.fps = Math.round(p.video.fps);
    Object.assign(meta, { size: `${width}x${height}`, width, height, aspect: width / height });
    Object.assign(original, { width, height });
    if (p.video.frameRate) original.frame_rate = p.video.frameRate;
  }
  if (p.audio) {
    meta.audio_encode = p.audio.encode;
    if (p.audio.sampleRate) meta.audio_bitrate = p.audio.sampleRate;
    if (p.audio.channels) meta.audio_channels = p.audio.channels;
  }
  if (p.duration) {
    original.duration = Math.round(p.duration * 1000) / 1000;
    original.bitrate = Math.round((bytes * 8) / p.duration);
  }
  meta.original = original;
  return meta;
}

/** The processed file, its meta and (video) the first frame as PNG. */
export interface AvOutput {
  path: string;
  mime: string;
  ext: string;
  meta: Record<string, unknown>;
  frame: Uint8Array | null;
}

/** True when a video can be served as it is (after a remux): H.264 4:2:0 with AAC/MP3 or no audio, within the limits. */
function playable(p: AvProbe, ext: string): boolean {
  const v = p.video!;
  return (
    ["mp4", "mov", "m4v"].includes(ext) &&
    v.codec === "h264" &&
    (v.pixFmt === "yuv420p" || v.pixFmt === "yuvj420p") &&
    (!p.audio || p.audio.codec === "aac" || p.audio.codec === "mp3") &&
    v.width * v.height <= VIDEO_AREA &&
    (v.fps ?? 0) <= VIDEO_FPS
  );
}

/** The first video frame of an in-memory file as PNG (a remote video's preview); throws AvRejected. */
export async function firstFrame(bytes: Uint8Array, ext: string, bounds: FfmpegBounds): Promise<Uint8Array> {
  const path = tempPath(ext);
  try {
    await Bun.write(path, bytes);
    const f = await runFfmpeg(
      ["-loglevel", "error", ...inputArgs(path, ext), "-map", "0:v:0", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"],
      bounds,
    );
    if (!f.stdout.length) throw new AvRejected("has no video frame");
    return f.stdout;
  } catch (e) {
    if (e instanceof FfmpegError) throw new AvRejected("could not be processed");
    throw e;
  } finally {
    await rm(path, { force: true });
  }
}

/** Transcodes (or remuxes) `input` to `${input}.out.<ext>`; throws AvRejected when FFmpeg fails. */
export async function transcodeAv(input: string, ext: string, type: "video" | "gifv" | "audio", bounds: FfmpegBounds): Promise<AvOutput> {
  let probe: AvProbe;
  try {
    probe = await probeAv(input, ext, bounds);
  } catch (e) {
    if (e instanceof FfmpegError) throw new AvRejected("could not be processed");
    throw e;
  }
  classify(probe, ext);
  const audioOnly = type === "audio";
  const out = `${input}.out.${audioOnly ? "mp3" : "mp4"}`;
  const args = [...inputArgs(input, ext), "-map_metadata", "-1", "-sn", "-dn"];
  if (audioOnly) {
    args.push("-map", "0:a:0", "-vn");
    if (probe.audio!.codec === "mp3") args.push("-c:a", "copy");
    else args.push("-c:a", "libmp3lame", "-q:a", "2");
    args.push("-f", "mp3", "-y", out);
  } else {
    args.push("-map", "0:v:0");
    if (type === "video" && probe.audio) args.push("-map", "0:a:0");
    else args.push("-an");
    if (type !== "gifv" && playable(probe, ext)) {
      args.push("-c", "copy");
    } else {
      const v = probe.video!;
      const s = Math.min(1, Math.sqrt(VIDEO_AREA / (v.width * v.height)));
      // Even dimensions (yuv420p needs them), scaled into the 1080p area.
      const filters = [`scale=trunc(iw*${s.toFixed(6)}/2)*2:trunc(ih*${s.toFixed(6)}/2)*2`];
      if ((v.fps ?? 0) > VIDEO_FPS) filters.push(`fps=${VIDEO_FPS}`);
      args.push(
        "-vf",
        filters.join(","),
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-crf",
        "23",
        "-maxrate",
        "1300k",
        "-bufsize",
        "2600k",
        "-pix_fmt",
        "yuv420p",
        "-frames:v",
        String(AV_MAX_SECONDS * VIDEO_FPS),
      );
      if (type === "video" && probe.audio) {
        if (probe.audio.codec === "aac") args.push("-c:a", "copy");
        else args.push("-c:a", "aac", "-b:a", "192k");
      }
    }
    args.push("-threads", String(bounds.threads), "-movflags", "+faststart", "-f", "mp4", "-y", out);
  }
  try {
    await runFfmpeg(["-loglevel", "error", ...args], bounds);
    const result = await probeAv(out, audioOnly ? "mp3" : "mp4", bounds);
    const size = Bun.file(out).size;
    const meta = avMeta(result, size);
    let frame: Uint8Array | null = null;
    if (!audioOnly) {
      const f = await runFfmpeg(
        ["-loglevel", "error", ...inputArgs(out, "mp4"), "-map", "0:v:0", "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "pipe:1"],
        bounds,
      );
      frame = f.stdout.length ? f.stdout : null;
    }
    return { path: out, mime: audioOnly ? "audio/mpeg" : "video/mp4", ext: audioOnly ? "mp3" : "mp4", meta, frame };
  } catch (e) {
    await rm(out, { force: true });
    if (e instanceof FfmpegError) throw new AvRejected("could not be processed");
    throw e;
  }
}
