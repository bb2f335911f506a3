/** loadSharp() from a checkout: a plain require of sharp's CommonJS entry, cached. */
import { expect, test } from "bun:test";
import { loadSharp, sharpSelfTest } from "../../../src/media/sharp";

test("loadSharp() returns a working sharp from source", async () => {
  const sharp = loadSharp();
  expect(loadSharp()).toBe(sharp);
  const png = await sharp({ create: { width: 10, height: 6, channels: 4, background: "#00000000" } })
    .png()
    .toBuffer();
  const meta = await sharp(png)
    .resize(5)
    .webp()
    .toBuffer()
    .then((b) => sharp(b).metadata());
  expect(meta.format).toBe("webp");
  expect(meta.width).toBe(5);
  expect(await sharpSelfTest()).toMatch(/^sharp \d+\.\d+\.\d+, libvips \d+\.\d+\.\d+$/);
});
