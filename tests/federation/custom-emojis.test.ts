/**
 * Custom emoji across two Hearth instances: a local emoji in a post and a display name goes out
 * as `Emoji` tags; the other side stores it as a remote emoji, caches its image, and shows it in
 * `emojis` of the status and the account.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { animatedGif } from "../media/fixtures";
import { createCustomEmoji } from "../../src/services/custom-emojis/manage";
import { handleOf, resolveAccount, settle, statusIdByUri, uriOf } from "./helpers";

let A: TestServer, B: TestServer;
let alice: TestUser, bob: TestUser;
const T = 20_000;

beforeAll(async () => {
  [A, B] = await Promise.all([startTestServer(), startTestServer()]);
  alice = await A.createUser("alice");
  bob = await B.createUser("bob");
}, 30_000);
afterAll(async () => {
  await A?.stop();
  await B?.stop();
});

describe("custom emoji federate", () => {
  test(
    "a post and a display name with :blobcat: reach B as Emoji tags and render there from B's cache",
    async () => {
      const local = await createCustomEmoji(A.ctx, { shortcode: "blobcat" }, await animatedGif(24, 24));
      await alice.client.v1.accounts.updateCredentials({ displayName: "Alice :blobcat:" });
      const aliceOnB = await resolveAccount(B, bob, handleOf(A, alice));
      await bob.client.v1.accounts.$select(aliceOnB.id).follow();
      await settle([A, B]);

      const st = await alice.client.v1.statuses.create({ status: "purr :blobcat:" });
      expect(st.emojis.map((e) => e.shortcode)).toEqual(["blobcat"]);
      const doc = await (await fetch(uriOf(A, st.id), { headers: { Accept: "application/activity+json" } })).json();
      expect(doc.tag).toContainEqual(
        expect.objectContaining({
          type: "Emoji",
          name: ":blobcat:",
          id: A.ctx.uris.emoji(local.id),
          icon: expect.objectContaining({ mediaType: "image/gif" }),
        }),
      );
      await settle([A, B]);

      const idOnB = statusIdByUri(B, uriOf(A, st.id));
      expect(idOnB).not.toBeNull();
      const onB = await bob.client.v1.statuses.$select(idOnB!).fetch();
      expect(onB.emojis.map((e) => e.shortcode)).toEqual(["blobcat"]);
      // Served from B's own copy (cached by the emoji.cache_remote job), with a static PNG.
      expect(onB.emojis[0]!.url.startsWith(B.url)).toBe(true);
      expect(onB.emojis[0]!.staticUrl).toMatch(/static\.png$/);
      const img = await fetch(onB.emojis[0]!.url);
      expect(img.status).toBe(200);
      expect(new TextDecoder().decode(new Uint8Array(await img.arrayBuffer()).subarray(0, 3))).toBe("GIF");

      const acctOnB = await bob.client.v1.accounts.$select(aliceOnB.id).fetch();
      expect(acctOnB.emojis.map((e) => e.shortcode)).toEqual(["blobcat"]);
      // B's own emoji list holds only its local emoji; the remote one is kept with its domain.
      expect(await bob.client.v1.customEmojis.list()).toEqual([]);
      const row = B.ctx.db.query("SELECT domain, uri FROM custom_emojis WHERE shortcode = 'blobcat'").get() as any;
      expect(row).toEqual({ domain: A.domain, uri: A.ctx.uris.emoji(local.id) });
    },
    T,
  );

  test(
    "a poll option's emoji goes out as an Emoji tag and fills Poll.emojis on both sides (local and remote polls)",
    async () => {
      await createCustomEmoji(A.ctx, { shortcode: "pollblob" }, await animatedGif(16, 16));
      const st = await alice.client.v1.statuses.create({
        status: "Pick one",
        poll: { options: [":pollblob: this", "that"], expiresIn: 3600 },
      });
      expect((st.poll as any).emojis.map((e: any) => e.shortcode)).toEqual(["pollblob"]);
      const doc = await (await fetch(uriOf(A, st.id), { headers: { Accept: "application/activity+json" } })).json();
      expect(doc.type).toBe("Question");
      expect(doc.tag).toContainEqual(expect.objectContaining({ type: "Emoji", name: ":pollblob:" }));
      await settle([A, B]);
      const idOnB = statusIdByUri(B, uriOf(A, st.id));
      expect(idOnB).not.toBeNull();
      const onB = await bob.client.v1.statuses.$select(idOnB!).fetch();
      expect((onB.poll as any).emojis.map((e: any) => e.shortcode)).toEqual(["pollblob"]);
      expect((onB.poll as any).emojis[0].url.startsWith(B.url)).toBe(true);
    },
    T,
  );

  test("the Emoji tag's id dereferences to the Emoji document (GET /emojis/:id, as Mastodon); unknown ids are 404", async () => {
    const local = await createCustomEmoji(A.ctx, { shortcode: "hearthcat" }, await animatedGif(16, 16));
    const res = await fetch(A.ctx.uris.emoji(local.id), { headers: { Accept: "application/activity+json" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/activity+json");
    expect(res.headers.get("cache-control")).toBe("public, max-age=180");
    const doc = (await res.json()) as Record<string, any>;
    expect(doc).toMatchObject({
      id: A.ctx.uris.emoji(local.id),
      type: "Emoji",
      name: ":hearthcat:",
      icon: { type: "Image", mediaType: "image/gif" },
    });
    expect(JSON.stringify(doc["@context"])).toContain("toot:Emoji");
    // The icon is the image itself.
    expect((await fetch(doc.icon.url)).status).toBe(200);
    // B's remote copy of :blobcat: is not B's to serve; an unknown id is not found.
    const remoteRow = B.ctx.db.query("SELECT id FROM custom_emojis WHERE domain IS NOT NULL LIMIT 1").get() as { id: number } | null;
    if (remoteRow)
      expect((await fetch(B.ctx.uris.emoji(remoteRow.id), { headers: { Accept: "application/activity+json" } })).status).toBe(404);
    expect((await fetch(`${A.url}/emojis/999999999`, { headers: { Accept: "application/activity+json" } })).status).toBe(404);
  });
});
