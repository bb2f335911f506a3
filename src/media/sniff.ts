/** Detects a media file's real type from its leading bytes (magic numbers), ignoring client claims. */

/** What the bytes say the file is. */
export interface Sniffed {
  kind: "image" | "video" | "audio";
  mime: string;
  /** Extension used for storage keys (the /system route maps it back to a content type). */
  ext: string;
}

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

/** Returns the detected type, or null for anything unsupported (SVG, HTML, text, …). */
export function sniffMedia(b: Uint8Array): Sniffed | null {
  if (b.length < 12) return null;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: "image", mime: "image/jpeg", ext: "jpg" };
  if (b[0] === 0x89 && ascii(b, 1, 3) === "PNG" && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return { kind: "image", mime: "image/png", ext: "png" };
  }
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a") return { kind: "image", mime: "image/gif", ext: "gif" };
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return { kind: "image", mime: "image/webp", ext: "webp" };
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WAVE") return { kind: "audio", mime: "audio/wav", ext: "wav" };
  if (ascii(b, 4, 4) === "ftyp") return sniffFtyp(b);
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // EBML: only the WebM doctype; the track check later decides video vs audio.
    const head = ascii(b, 0, Math.min(b.length, 64));
    return head.includes("webm") ? { kind: "video", mime: "video/webm", ext: "webm" } : null;
  }
  if (ascii(b, 0, 4) === "OggS") return { kind: "audio", mime: "audio/ogg", ext: "ogg" };
  if (ascii(b, 0, 4) === "fLaC") return { kind: "audio", mime: "audio/flac", ext: "flac" };
  // ADTS AAC: sync word, layer 0 (an MP3 frame has a non-zero layer).
  if (b[0] === 0xff && (b[1]! & 0xf6) === 0xf0) return { kind: "audio", mime: "audio/aac", ext: "aac" };
  if (ascii(b, 0, 3) === "ID3") return { kind: "audio", mime: "audio/mpeg", ext: "mp3" };
  if (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x06) !== 0 && (b[2]! & 0xf0) !== 0xf0) {
    return { kind: "audio", mime: "audio/mpeg", ext: "mp3" };
  }
  return null;
}

/** ISO base media files: AVIF and HEIC/HEIF images, M4A audio, MP4/M4V/3GP and QuickTime video. */
function sniffFtyp(b: Uint8Array): Sniffed | null {
  const size = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0);
  const end = Math.min(b.length, Math.max(16, size));
  const brands: string[] = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, 4));
  const major = brands[0]!;
  if (major === "avif" || major === "avis") return { kind: "image", mime: "image/avif", ext: "avif" };
  if (["heic", "heix", "hevc", "hevx", "mif1", "msf1"].includes(major)) {
    if (brands.includes("avif")) return { kind: "image", mime: "image/avif", ext: "avif" };
    return major === "mif1" || major === "msf1"
      ? { kind: "image", mime: "image/heif", ext: "heic" }
      : { kind: "image", mime: "image/heic", ext: "heic" };
  }
  if (major === "qt  ") return { kind: "video", mime: "video/quicktime", ext: "mov" };
  if (major.startsWith("3gp") || major.startsWith("3g2")) return { kind: "video", mime: "video/3gpp", ext: "3gp" };
  if (major === "M4V " || major === "M4VH" || major === "M4VP") return { kind: "video", mime: "video/x-m4v", ext: "m4v" };
  if (major === "M4A " || major === "M4B ") return { kind: "audio", mime: "audio/mp4", ext: "m4a" };
  return { kind: "video", mime: "video/mp4", ext: "mp4" };
}

/** The broad kind a client-declared MIME type or file extension claims, if it claims one. */
export function claimedKind(contentType: string | undefined, filename: string | undefined): "image" | "video" | "audio" | null {
  const ct = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const top = ct.split("/")[0];
  if (top === "image" || top === "video" || top === "audio") return top;
  const ext = (filename ?? "").toLowerCase().split(".").pop() ?? "";
  if (["jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "heif", "svg"].includes(ext)) return "image";
  if (["mp4", "m4v", "mov", "webm", "3gp", "3g2"].includes(ext)) return "video";
  if (["mp3", "ogg", "oga", "opus", "m4a", "aac", "wav", "flac"].includes(ext)) return "audio";
  return null;
}

/** The storage extension of an accepted video/audio/GIF MIME type (what the processing job reads it as). */
export function extOfMime(mime: string): string | null {
  const map: Record<string, string> = {
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/x-m4v": "m4v",
    "video/3gpp": "3gp",
    "video/webm": "webm",
    "audio/mp4": "m4a",
    "audio/webm": "webm",
    "audio/mpeg": "mp3",
    "audio/ogg": "ogg",
    "audio/wav": "wav",
    "audio/flac": "flac",
    "audio/aac": "aac",
    "image/gif": "gif",
  };
  return map[mime] ?? null;
}
