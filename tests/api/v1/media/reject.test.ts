import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { gradient, mp4, pngHeaderOnly } from "../../../media/fixtures";
import { filesUnder, upload } from "./helpers";

let s: TestServer;
let alice: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

const nothingWritten = () => {
  expect(s.count("media_attachments")).toBe(0);
  expect(s.count("jobs", "kind = 'media.process'")).toBe(0);
  expect(filesUnder(join(s.dataDir, "media"))).toEqual([]);
  expect(filesUnder(join(s.dataDir, "media-pending"))).toEqual([]);
};

async function expect422(fields: Parameters<typeof upload>[3], path = "/api/v2/media"): Promise<string> {
  const res = await upload(s, path, alice.token, fields);
  const body = await res.json();
  expect(res.status).toBe(422);
  expect(body.error).toStartWith("Validation failed: ");
  nothingWritten();
  return body.error;
}

describe("POST /api/v2/media rejects bad files with 422 and writes nothing", () => {
  test("decompression bomb: a tiny PNG declaring 20000x20000", async () => {
    const bomb = pngHeaderOnly(20000, 20000);
    expect(bomb.length).toBeLessThan(100);
    expect(await expect422({ file: { bytes: bomb, type: "image/png", name: "bomb.png" } })).toStartWith(
      "Validation failed: File dimensions 20000x20000",
    );
  });

  test("truncated JPEG and truncated PNG", async () => {
    const jpeg = await gradient(600, 400, "jpeg");
    expect(await expect422({ file: { bytes: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), type: "image/jpeg", name: "t.jpg" } })).toBe(
      "Validation failed: File could not be processed",
    );
    const png = await gradient(600, 400, "png");
    await expect422({ file: { bytes: png.subarray(0, Math.floor(png.length * 0.6)), type: "image/png", name: "t.png" } });
  });

  test("bytes that do not match the type: PNG magic then garbage, text as JPEG, a PNG claiming to be a video", async () => {
    const fake = new Uint8Array(4096);
    fake.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    crypto.getRandomValues(fake.subarray(8));
    await expect422({ file: { bytes: fake, type: "image/png", name: "x.png" } });
    expect(
      await expect422({
        file: { bytes: new TextEncoder().encode("hello, this is not a picture at all"), type: "image/jpeg", name: "x.jpg" },
      }),
    ).toBe("Validation failed: File content type is invalid");
    expect(await expect422({ file: { bytes: await gradient(20, 20, "png"), type: "video/mp4", name: "x.mp4" } })).toBe(
      "Validation failed: File has contents that are not what they are reported to be",
    );
    const broken = mp4({ width: 320, height: 240, seconds: 1, frames: 10 });
    await expect422({ file: { bytes: broken.subarray(0, broken.length - 20), type: "video/mp4", name: "cut.mp4" } });
  });

  test("an image above image_size_limit (16 MB)", async () => {
    const big = new Uint8Array(16 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await expect422({ file: { bytes: big, type: "image/jpeg", name: "huge.jpg" } })).toBe(
      "Validation failed: File file size must be less than 16 MB",
    );
  });

  test("SVG with and without script", async () => {
    const plain = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`;
    const evil = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>`;
    for (const svg of [plain, evil]) {
      for (const type of ["image/svg+xml", "image/png"]) {
        expect(await expect422({ file: { bytes: new TextEncoder().encode(svg), type, name: "x.svg" } })).toBe(
          "Validation failed: File content type is invalid",
        );
      }
    }
  });

  test("oversized video frame, too long description, bad focus, thumbnail on an image, missing or non-file file", async () => {
    await expect422({ file: { bytes: mp4({ width: 7680, height: 4320, seconds: 1, frames: 30 }), type: "video/mp4", name: "8k.mp4" } });
    const png = { bytes: await gradient(20, 20, "png"), type: "image/png", name: "p.png" };
    expect(await expect422({ file: png, description: "x".repeat(1501) })).toContain("Description is too long");
    for (const focus of ["2,0", "a,b", "0.5", "0,-1.5"]) await expect422({ file: png, focus });
    expect(await expect422({ file: png, thumbnail: png })).toBe("Validation failed: Thumbnail must be blank");
    await expect422({
      file: { bytes: mp4({ width: 320, height: 240, seconds: 1, frames: 10 }), type: "video/mp4" },
      thumbnail: { bytes: new TextEncoder().encode("<svg/>"), type: "image/svg+xml" },
    });
    expect(await expect422({ description: "no file" })).toBe("Validation failed: File can't be blank");
    expect(await expect422({ file: "just a string" })).toBe("Validation failed: file must be a file");
    await expect422({ file: { bytes: new TextEncoder().encode("x"), type: "image/png" } }, "/api/v1/media");
  });

  test("no token → 401, read-only token → 403, nothing written", async () => {
    const png = { bytes: await gradient(20, 20, "png"), type: "image/png", name: "p.png" };
    expect((await upload(s, "/api/v2/media", undefined, { file: png })).status).toBe(401);
    expect((await upload(s, "/api/v1/media", undefined, { file: png })).status).toBe(401);
    const readOnly = s.token(alice.user.id, ["read"]);
    const res = await upload(s, "/api/v2/media", readOnly, { file: png });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("This action is outside the authorized scopes");
    nothingWritten();
    // write:media alone is enough
    expect((await upload(s, "/api/v2/media", s.token(alice.user.id, ["write:media"]), { file: png })).status).toBe(200);
  });
});
