/** Pure tests of magic-byte sniffing and the mp4/webm/mp3/wav readers. */
import { expect, test } from "bun:test";
import { CorruptMediaError } from "../../src/media/av-meta";
import { readMp3, readWav } from "../../src/media/audio-meta";
import { readMp4 } from "../../src/media/mp4";
import { sniffMedia } from "../../src/media/sniff";
import { readWebm } from "../../src/media/webm";
import { mp4, webm } from "./fixtures";

test("sniffing ignores names and finds the real type", () => {
  const enc = (s: string) => new TextEncoder().encode(s.padEnd(16, " "));
  expect(sniffMedia(enc("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
  expect(sniffMedia(enc("GIF89a"))?.mime).toBe("image/gif");
  expect(sniffMedia(mp4({ width: 2, height: 2, seconds: 1, frames: 1 }))?.mime).toBe("video/mp4");
  expect(sniffMedia(mp4({ width: 2, height: 2, seconds: 1, frames: 1, brand: "M4A " }))?.mime).toBe("audio/mp4");
  expect(sniffMedia(mp4({ width: 2, height: 2, seconds: 1, frames: 1, brand: "heic" }))?.mime).toBe("image/heic");
  expect(sniffMedia(mp4({ width: 2, height: 2, seconds: 1, frames: 1, brand: "qt  " }))?.mime).toBe("video/quicktime");
  expect(sniffMedia(mp4({ width: 2, height: 2, seconds: 1, frames: 1, brand: "3gp5" }))?.mime).toBe("video/3gpp");
  expect(sniffMedia(enc("fLaC\0\0\0\x22"))?.mime).toBe("audio/flac");
  expect(sniffMedia(webm({ width: 2, height: 2, seconds: 1 }))?.mime).toBe("video/webm");
  expect(sniffMedia(new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]))?.mime).toBe("audio/mpeg");
});

test("mp4: tracks, size, duration, frame rate; truncation is detected", () => {
  const file = mp4({ width: 1920, height: 1080, seconds: 10, frames: 300, audio: true });
  expect(readMp4(file)).toMatchObject({ hasVideo: true, hasAudio: true, width: 1920, height: 1080, duration: 10, frameRate: "30/1" });
  expect(() => readMp4(file.subarray(0, file.length - 1))).toThrow(CorruptMediaError);
});

test("webm: tracks, size and duration", () => {
  expect(readWebm(webm({ width: 640, height: 480, seconds: 3 }))).toMatchObject({
    hasVideo: true,
    hasAudio: false,
    width: 640,
    height: 480,
    duration: 3,
  });
  const w = webm({ width: 640, height: 480, seconds: 3, audio: true });
  expect(readWebm(w).hasAudio).toBe(true);
  expect(() => readWebm(w.subarray(0, 40))).toThrow(CorruptMediaError);
});

test("mp3 duration from a CBR frame header; wav from fmt/data", () => {
  const mp3 = new Uint8Array(16_000); // 128 kbps MPEG1 layer III → 1 s per 16000 bytes
  mp3.set([0xff, 0xfb, 0x90, 0x64]);
  expect(readMp3(mp3).duration).toBeCloseTo(1, 2);
  const wav = new Uint8Array(44 + 8000);
  const dv = new DataView(wav.buffer);
  wav.set(new TextEncoder().encode("RIFF"), 0);
  wav.set(new TextEncoder().encode("WAVEfmt "), 8);
  dv.setUint32(16, 16, true);
  dv.setUint32(28, 8000, true); // byte rate 8000/s
  wav.set(new TextEncoder().encode("data"), 36);
  dv.setUint32(40, 8000, true);
  expect(readWav(wav).duration).toBe(1);
});
