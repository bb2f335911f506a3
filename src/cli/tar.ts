/** A small reader of (optionally gzipped) ustar archives: regular files only, for `hearth admin emoji import`. */
import { gunzipSync } from "node:zlib";

/** One regular file of an archive. */
export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const text = (b: Uint8Array, at: number, len: number) => {
  const s = b.subarray(at, at + len);
  const end = s.indexOf(0);
  return new TextDecoder().decode(end === -1 ? s : s.subarray(0, end));
};

/** The regular files of a tar (gzip detected by its magic); throws on a truncated or corrupt archive. */
export function readTar(input: Uint8Array): TarEntry[] {
  const b = input[0] === 0x1f && input[1] === 0x8b ? new Uint8Array(gunzipSync(input)) : input;
  const out: TarEntry[] = [];
  let longName: string | null = null;
  for (let at = 0; at + 512 <= b.length; ) {
    const header = b.subarray(at, at + 512);
    if (header.every((x) => x === 0)) break;
    const size = parseInt(text(header, 124, 12).trim() || "0", 8);
    if (!Number.isFinite(size) || size < 0 || at + 512 + size > b.length) throw new Error("truncated or corrupt archive");
    const type = String.fromCharCode(header[156]!);
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    const data = b.subarray(at + 512, at + 512 + size);
    longName = null;
    if (type === "L") longName = text(data, 0, size);
    else if (type === "0" || type === "\0") out.push({ name, data });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
