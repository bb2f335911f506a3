/** `hearth admin emoji import|list|remove`, as tootctl emoji: a folder and a .tar.gz of images. */
import { afterAll, beforeAll, expect, spyOn, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { startTestServer, type TestServer } from "../rig";
import { runAdmin } from "../../src/cli/admin";
import { animatedGif, gradient } from "../media/fixtures";

let s: TestServer;
let dir: string;
beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  dir = mkdtempSync(join(tmpdir(), "hearth-emoji-"));
}, 30_000);
afterAll(async () => {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<[number, string]> {
  const log = spyOn(console, "log").mockImplementation(() => {});
  const err = spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await runAdmin(s.ctx, args);
    return [code, [...log.mock.calls, ...err.mock.calls].map((c) => c.join(" ")).join("\n")];
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

const shortcodes = async () =>
  ((await (await fetch(`${s.url}/api/v1/custom_emojis`)).json()) as any[]).map((e) => `${e.shortcode}/${e.category}`);

/** A ustar archive of `files` (hand-built, as `tar czf` makes them). */
function tarGz(files: Record<string, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, data] of Object.entries(files)) {
    const h = new Uint8Array(512);
    const put = (at: number, v: string) => h.set(new TextEncoder().encode(v), at);
    put(0, name);
    put(100, "0000644\0");
    put(124, `${data.length.toString(8).padStart(11, "0")}\0`);
    put(136, "00000000000\0");
    h[156] = "0".charCodeAt(0);
    put(257, "ustar\x0000");
    put(148, "        ");
    const sum = h.reduce((a, b) => a + b, 0);
    put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
    parts.push(h, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return gzipSync(Buffer.concat(parts));
}

test("import a folder: shortcodes from file names, --prefix/--suffix/--category, others skipped; list; remove", async () => {
  const folder = join(dir, "pack");
  await Bun.write(join(folder, "wave.png"), await gradient(16, 16, "png"));
  await Bun.write(join(folder, "dance.gif"), await animatedGif(16, 16));
  await Bun.write(join(folder, "x.png"), await gradient(16, 16, "png"));
  writeFileSync(join(folder, "readme.txt"), "not an emoji");
  writeFileSync(join(folder, "broken.png"), "not a png at all, really");
  const [code, out] = await cli(["emoji", "import", folder, "--prefix", "blob_", "--category", "Blobs"]);
  expect(code).toBe(0);
  expect(out).toContain("Imported 3, skipped 0, failed to import 1");
  expect(await shortcodes()).toEqual(["blob_dance/Blobs", "blob_wave/Blobs", "blob_x/Blobs"]);

  const [, again] = await cli(["emoji", "import", folder, "--prefix", "blob_"]);
  expect(again).toContain("Imported 0, skipped 3, failed to import 1");

  const [, listed] = await cli(["emoji", "list"]);
  expect(listed.split("\n")).toContain(":blob_wave:\tlocal\tBlobs");
  expect((await cli(["emoji", "remove", "blob_x"]))[0]).toBe(0);
  expect((await cli(["emoji", "remove", "nope_nope"]))[0]).toBe(1);
  expect(await shortcodes()).toEqual(["blob_dance/Blobs", "blob_wave/Blobs"]);
});

test("import a .tar.gz with --suffix and --overwrite", async () => {
  const archive = join(dir, "pack.tar.gz");
  writeFileSync(archive, tarGz({ "emoji/heart.png": await gradient(12, 12, "png"), "emoji/star.webp": await gradient(12, 12, "webp") }));
  const [code, out] = await cli(["emoji", "import", archive, "--suffix", "_x"]);
  expect(code).toBe(0);
  expect(out).toContain("Imported 2, skipped 0, failed to import 0");
  const [, over] = await cli(["emoji", "import", archive, "--suffix", "_x", "--overwrite", "--category", "Shapes"]);
  expect(over).toContain("Imported 2, skipped 0, failed to import 0");
  expect(await shortcodes()).toEqual(["blob_dance/Blobs", "blob_wave/Blobs", "heart_x/Shapes", "star_x/Shapes"]);
});
