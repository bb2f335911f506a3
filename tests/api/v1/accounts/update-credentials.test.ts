import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { loadSharp } from "../../../../src/media/sharp";

let s: TestServer;
let alice: TestUser, bob: TestUser;
const sharp = loadSharp() as unknown as typeof import("sharp").default;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
}, 30_000);
afterAll(() => s.stop());

const row = (id: string) => s.ctx.db.query<Record<string, unknown>, [string]>("SELECT * FROM accounts WHERE id = ?").get(id)!;
const filesUnder = (dir: string): string[] => {
  const p = join(s.dataDir, "media", dir);
  return existsSync(p)
    ? readdirSync(p, { recursive: true })
        .map(String)
        .filter((f) => f.includes("."))
    : [];
};
const png = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 1 } } })
    .png()
    .toBuffer();

test("profile text, flags, fields and source settings", async () => {
  const me = await alice.client.v1.accounts.updateCredentials({
    displayName: "Alice A.",
    note: "Hello <world>\n\nsee https://example.com #cats",
    locked: true,
    bot: true,
    discoverable: false,
    hideCollections: true,
    fieldsAttributes: [
      { name: "Site", value: "https://alice.example" },
      { name: "Pronouns", value: "she/her" },
    ],
    source: { privacy: "unlisted", sensitive: true, language: "de" },
  });
  expect(me).toMatchObject({ displayName: "Alice A.", locked: true, bot: true, discoverable: false, hideCollections: true });
  expect(me.note).toContain("Hello &lt;world&gt;");
  expect(me.note).toContain('href="https://example.com"');
  expect(me.note.startsWith("<p>")).toBe(true);
  expect(me.fields.map((f) => f.name)).toEqual(["Site", "Pronouns"]);
  expect(me.fields[0]!.value).toContain('href="https://alice.example"');
  expect(me.source).toMatchObject({ privacy: "unlisted", sensitive: true, language: "de" });
  // multipart bodies carry CRLF line breaks; the source is kept as sent, like Mastodon
  expect(me.source.note.replace(/\r\n/g, "\n")).toBe("Hello <world>\n\nsee https://example.com #cats");
  expect(me.source.fields.map((f) => f.value)).toEqual(["https://alice.example", "she/her"]);
  const stored = JSON.parse(row(alice.id).fields as string);
  expect(stored[1]).toMatchObject({ name: "Pronouns", value: "she/her", value_html: "she/her" });

  // index-hash form over JSON, partial update keeps everything else
  const res = await s.api("PATCH", "/api/v1/accounts/update_credentials", {
    token: alice.token,
    json: { fields_attributes: { "7": { name: "Only", value: "one" } }, locked: "false" },
  });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.fields.map((f: { name: string }) => f.name)).toEqual(["Only"]);
  expect(body).toMatchObject({ locked: false, display_name: "Alice A.", bot: true });
});

test("avatar and header upload: cropped, served, replaced and removed", async () => {
  const me = await alice.client.v1.accounts.updateCredentials({
    avatar: new Blob([await png(900, 600)], { type: "image/png" }),
    header: new Blob(
      [
        await sharp({ create: { width: 2000, height: 1000, channels: 3, background: "#336699" } })
          .jpeg()
          .toBuffer(),
      ],
      { type: "image/jpeg" },
    ),
  });
  expect(me.avatar).toMatch(new RegExp(`/system/accounts/avatars/${alice.id}/[0-9a-f]+\\.png$`));
  expect(me.header).toMatch(/\.jpg$/);
  const img = await fetch(me.avatar);
  expect(img.status).toBe(200);
  expect(img.headers.get("content-type")).toBe("image/png");
  const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
  expect([meta.width, meta.height]).toEqual([400, 400]);
  const hmeta = await sharp(Buffer.from(await (await fetch(me.header)).arrayBuffer())).metadata();
  expect([hmeta.width, hmeta.height, hmeta.format]).toEqual([1500, 500, "jpeg"]);

  // a new avatar replaces the old file
  const me2 = await alice.client.v1.accounts.updateCredentials({ avatar: new Blob([await png(50, 50)]) });
  expect(me2.avatar).not.toBe(me.avatar);
  expect(filesUnder(`accounts/avatars/${alice.id}`).length).toBe(1);
  expect((await fetch(me.avatar)).status).toBe(404);

  const removed = await s.api("DELETE", "/api/v1/profile/avatar", { token: alice.token });
  expect(removed.status).toBe(200);
  expect((await removed.json()).avatar).toMatch(/\/avatars\/original\/missing\.png$/);
  expect(filesUnder(`accounts/avatars/${alice.id}`)).toEqual([]);
  expect((await s.api("DELETE", "/api/v1/profile/header", { token: alice.token })).status).toBe(200);
  expect(row(alice.id).header_path).toBeNull();
});

test("bad input changes nothing", async () => {
  const before = row(bob.id);
  const patch = (body: BodyInit | undefined, opts: { json?: unknown; token?: string } = {}) =>
    s.api("PATCH", "/api/v1/accounts/update_credentials", { token: opts.token ?? bob.token, body, json: opts.json });
  const form = (entries: [string, string | Blob, string?][]) => {
    const f = new FormData();
    for (const [k, v, name] of entries) typeof v === "string" ? f.append(k, v) : f.append(k, v, name);
    return f;
  };
  expect((await patch(undefined, { json: { locked: "maybe" } })).status).toBe(422);
  expect((await patch(undefined, { json: { display_name: "x".repeat(31) } })).status).toBe(422);
  expect((await patch(undefined, { json: { note: "x".repeat(501) } })).status).toBe(422);
  const five = Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, value: "v" }));
  const r5 = await patch(undefined, { json: { fields_attributes: five } });
  expect(r5.status).toBe(422);
  expect((await r5.json()).error).toMatch(/^Validation failed: /);
  expect((await patch(undefined, { json: { fields_attributes: [{ name: "n".repeat(256), value: "v" }] } })).status).toBe(422);
  expect((await patch(undefined, { json: { source: { privacy: "direct" } } })).status).toBe(422);
  expect((await patch(undefined, { json: { source: "public" } })).status).toBe(422);
  // (a list or hash where a scalar belongs is dropped, not refused: update-credentials-shapes.test.ts)
  // a text file as avatar, together with otherwise valid changes
  const txt = await patch(
    form([
      ["display_name", "Changed"],
      ["avatar", new Blob(["just some text"], { type: "image/png" }), "a.png"],
    ]),
  );
  expect(txt.status).toBe(422);
  // a truncated PNG as header
  const good = await png(600, 600);
  const cut = await patch(form([["header", new Blob([good.subarray(0, Math.floor(good.length / 2))]), "h.png"]]));
  expect(cut.status).toBe(422);
  expect((await patch(undefined, { json: { avatar: "not a file" } })).status).toBe(422);
  // scopes and tokens
  expect((await patch(undefined, { json: { display_name: "Changed" }, token: s.token(bob.user.id, ["read"]) })).status).toBe(403);
  expect((await s.api("PATCH", "/api/v1/accounts/update_credentials", { json: { display_name: "Changed" } })).status).toBe(401);
  expect((await s.api("DELETE", "/api/v1/profile/avatar", { token: s.token(bob.user.id, ["read"]) })).status).toBe(403);

  expect(row(bob.id)).toEqual(before);
  expect(filesUnder(`accounts/avatars/${bob.id}`)).toEqual([]);
  expect(filesUnder(`accounts/headers/${bob.id}`)).toEqual([]);
});
