/** upsertRemoteStatus and upsertRemoteActor on fabricated remote documents (no network). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { upsertRemoteActor } from "../../../src/services/federation/resolve-account";
import { upsertRemoteStatus } from "../../../src/services/federation/resolve-status";
import { canViewStatus } from "../../../src/db/queries/visibility";
import type { AccountRow } from "../../../src/db/rows";

const R = "https://remote.example";
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
let s: TestServer;
let bob: TestUser, carol: TestUser;
let remote: AccountRow;
let n = 0;

function note(extra: Record<string, unknown> = {}): Record<string, any> {
  n++;
  return {
    id: `${R}/users/rem/statuses/${n}`,
    type: "Note",
    attributedTo: `${R}/users/rem`,
    content: `<p>post ${n}</p>`,
    published: "2024-05-01T10:00:00Z",
    to: [PUBLIC],
    cc: [`${R}/users/rem/followers`],
    ...extra,
  };
}

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [bob, carol] = await Promise.all([s.createUser("bob"), s.createUser("carol")]);
  remote = upsertRemoteActor(s.ctx, {
    id: `${R}/users/rem`,
    type: "Person",
    preferredUsername: "rem",
    name: "Rem",
    summary: "<p onclick='x()'>bio<script>evil()</script></p>",
    inbox: `${R}/users/rem/inbox`,
    outbox: `${R}/users/rem/outbox`,
    followers: `${R}/users/rem/followers`,
    endpoints: { sharedInbox: `${R}/inbox` },
    icon: { type: "Image", url: `${R}/a.png` },
    manuallyApprovesFollowers: true,
    publicKey: {
      id: `${R}/users/rem#main-key`,
      owner: `${R}/users/rem`,
      publicKeyPem: "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----",
    },
    attachment: [{ type: "PropertyValue", name: "Web", value: '<a href="javascript:alert(1)">x</a>' }],
  });
  // carol follows the remote account
  s.ctx.db
    .query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
    .run(s.ctx.ids.next(), carol.account.id, remote.id, s.ctx.now());
}, 20_000);
afterAll(() => s.stop());

describe("actors", () => {
  test("stored with sanitized bio and fields, remote avatar, locked, acct user@domain", async () => {
    expect(remote.domain).toBe("remote.example");
    expect(remote.note).toBe("<p>bio</p>");
    expect(JSON.parse(remote.fields)[0].value).toBe("<span>x</span>");
    expect(remote.avatar_remote_url).toBe(`${R}/a.png`);
    expect(remote.locked).toBe(1);
    expect(s.count("jobs", "kind = 'ap.backfill_account'")).toBe(1);
    const view = (await (await s.api("GET", `/api/v1/accounts/${remote.id}`)).json()) as any;
    expect(view.acct).toBe("rem@remote.example");
    expect(view.avatar).toBe(`${R}/a.png`);
    expect(view.url).toBe(`${R}/users/rem`);
  });
  test("invalid actors are refused", () => {
    const base = { id: `${R}/users/x`, type: "Person", preferredUsername: "x", inbox: `${R}/users/x/inbox` };
    expect(() => upsertRemoteActor(s.ctx, { ...base, inbox: "https://other.example/inbox" })).toThrow();
    expect(() => upsertRemoteActor(s.ctx, { ...base, preferredUsername: "bad name!" })).toThrow();
    expect(() =>
      upsertRemoteActor(s.ctx, { ...base, publicKey: { id: "k", owner: "https://other.example/u", publicKeyPem: "x" } }),
    ).toThrow();
    expect(() => upsertRemoteActor(s.ctx, { ...base, type: "Note" })).toThrow();
    expect(s.count("accounts", "uri = ?", base.id)).toBe(0);
  });
});

describe("statuses", () => {
  test("sanitizes HTML to Mastodon's allowlist", async () => {
    const row = (await upsertRemoteStatus(
      s.ctx,
      note({
        content:
          '<p onclick="steal()">hi <script>alert(1)</script><a href="javascript:alert(1)">bad</a> <a href="https://ok.example/" class="mention u-url x">@ok</a><img src=x onerror=alert(1)><iframe src="https://x"></iframe><style>p{}</style></p>',
      }),
      remote.id,
    ))!;
    expect(row.content).toBe(
      '<p>hi <span>bad</span> <a href="https://ok.example/" rel="nofollow noopener noreferrer" target="_blank" class="mention u-url">@ok</a></p>',
    );
  });
  test("visibility from to/cc", async () => {
    const f = `${R}/users/rem/followers`;
    const cases: [unknown, unknown, number][] = [
      [[PUBLIC], [f], 0],
      ["as:Public", [], 0],
      [[f], [PUBLIC], 1],
      [[f], [], 2],
      [[], [f], 2],
      [[`${s.url}/users/bob`], [], 3],
      [[`${R}/users/other`], ["Public"], 1],
    ];
    for (const [to, cc, v] of cases) expect((await upsertRemoteStatus(s.ctx, note({ to, cc }), remote.id))!.visibility).toBe(v);
  });
  test("idempotent: the same object twice is one row", async () => {
    const o = note();
    const before = s.ctx.db
      .query<{ statuses_count: number }, [number]>("SELECT statuses_count FROM accounts WHERE id = ?")
      .get(remote.id)!.statuses_count;
    const r1 = (await upsertRemoteStatus(s.ctx, o, remote.id))!;
    const r2 = (await upsertRemoteStatus(s.ctx, o, remote.id))!;
    expect(r2.id).toBe(r1.id);
    expect(s.count("statuses", "uri = ?", o.id)).toBe(1);
    expect(
      s.ctx.db.query<{ statuses_count: number }, [number]>("SELECT statuses_count FROM accounts WHERE id = ?").get(remote.id)!
        .statuses_count,
    ).toBe(before + 1);
    expect(r1.created_at).toBe(Date.parse("2024-05-01T10:00:00Z"));
    expect(s.count("home_feeds", "account_id = ? AND status_id = ?", carol.account.id, r1.id)).toBe(1);
    expect(s.count("jobs", "kind = 'stream.update' AND payload LIKE ?", `%${r1.id}%`)).toBe(1);
  });
  test("edits keep the previous version", async () => {
    const o = note();
    const r1 = (await upsertRemoteStatus(s.ctx, o, remote.id))!;
    const r2 = (await upsertRemoteStatus(s.ctx, { ...o, content: "<p>changed</p>", updated: "2024-05-01T11:00:00Z" }, remote.id))!;
    expect(r2.id).toBe(r1.id);
    expect(r2.content).toBe("<p>changed</p>");
    expect(r2.edited_at).toBe(Date.parse("2024-05-01T11:00:00Z"));
    const edits = s.ctx.db
      .query<{ content: string }, [number]>("SELECT content FROM status_edits WHERE status_id = ? ORDER BY id")
      .all(r1.id);
    expect(edits.map((e) => e.content)).toEqual([o.content, "<p>changed</p>"]);
  });
  test("refuses forged authors and foreign ids, writing nothing", async () => {
    const count = s.count("statuses");
    expect(await upsertRemoteStatus(s.ctx, note({ attributedTo: `${R}/users/someone` }), remote.id)).toBeNull();
    expect(await upsertRemoteStatus(s.ctx, note({ id: "https://evil.example/notes/1" }), remote.id)).toBeNull();
    expect(await upsertRemoteStatus(s.ctx, note({ type: "Like" }), remote.id)).toBeNull();
    expect(await upsertRemoteStatus(s.ctx, note(), bob.account.id)).toBeNull();
    expect(s.count("statuses")).toBe(count);
  });
  test("mentions notify local accounts; a DM is visible to the mentioned account only", async () => {
    const bobUri = `${s.url}/users/bob`;
    const row = (await upsertRemoteStatus(
      s.ctx,
      note({ to: [bobUri], cc: [], tag: [{ type: "Mention", href: bobUri, name: `@bob@${s.domain}` }] }),
      remote.id,
    ))!;
    expect(row.visibility).toBe(3);
    expect(s.count("mentions", "status_id = ? AND account_id = ? AND silent = 0", row.id, bob.account.id)).toBe(1);
    expect(s.count("notifications", "account_id = ? AND type = 'mention' AND status_id = ?", bob.account.id, row.id)).toBe(1);
    expect(canViewStatus(s.ctx, row, bob.account.id)).toBe(true);
    expect(canViewStatus(s.ctx, row, carol.account.id)).toBe(false);
    // addressed without a Mention tag: a silent mention, no notification
    const silent = (await upsertRemoteStatus(s.ctx, note({ to: [`${R}/users/rem/followers`, bobUri], cc: [] }), remote.id))!;
    expect(s.count("mentions", "status_id = ? AND silent = 1", silent.id)).toBe(1);
    expect(s.count("notifications", "status_id = ?", silent.id)).toBe(0);
  });
  test("replies link to local parents; unknown parents are fetched later", async () => {
    const parent = await bob.client.v1.statuses.create({ status: "parent" });
    const row = (await upsertRemoteStatus(s.ctx, note({ inReplyTo: `${s.url}/users/bob/statuses/${parent.id}` }), remote.id))!;
    expect(row.in_reply_to_id).toBe(Number(parent.id));
    expect(row.in_reply_to_account_id).toBe(bob.account.id);
    expect(
      s.ctx.db.query<{ replies_count: number }, [string]>("SELECT replies_count FROM statuses WHERE id = ?").get(parent.id)!.replies_count,
    ).toBe(1);
    const orphan = (await upsertRemoteStatus(s.ctx, note({ inReplyTo: `${R}/users/rem/statuses/unknown` }), remote.id))!;
    expect(orphan.in_reply_to_id).toBeNull();
    expect(s.count("jobs", "kind = 'ap.fetch_parent' AND payload LIKE ?", `%${orphan.id}%`)).toBe(1);
  });
  test("hashtags, language, CW, media attachments", async () => {
    const row = (await upsertRemoteStatus(
      s.ctx,
      note({
        contentMap: { fr: "<p>bonjour #Paris</p>" },
        content: undefined,
        summary: "spoiler <b>x</b>",
        sensitive: true,
        tag: [
          { type: "Hashtag", name: "#Paris", href: `${R}/tags/paris` },
          { type: "Hashtag", name: "#bad tag!" },
        ],
        attachment: [
          {
            type: "Document",
            mediaType: "image/png",
            url: `${R}/m/1.png`,
            name: "a cat",
            blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
            focalPoint: [0.5, -0.25],
            width: 640,
            height: 480,
          },
        ],
      }),
      remote.id,
    ))!;
    expect(row.content).toBe("<p>bonjour #Paris</p>");
    expect(row.language).toBe("fr");
    expect(row.spoiler_text).toBe("spoiler x");
    expect(row.sensitive).toBe(1);
    const view = (await (await s.api("GET", `/api/v1/statuses/${row.id}`)).json()) as any;
    expect(view.tags).toEqual([{ name: "paris", url: `${s.url}/tags/paris` }]);
    expect(view.media_attachments.length).toBe(1);
    const m = view.media_attachments[0];
    expect(m.type).toBe("image");
    expect(m.url).toBe(`${R}/m/1.png`);
    expect(m.remote_url).toBe(`${R}/m/1.png`);
    expect(m.description).toBe("a cat");
    expect(m.blurhash).toBe("LEHV6nWB2yk8pyo0adR*.7kCMdnj");
    expect(m.meta.focus).toEqual({ x: 0.5, y: -0.25 });
    expect(m.meta.original.width).toBe(640);
    expect(view.account.acct).toBe("rem@remote.example");
  });
  test("Question becomes a poll; an update refreshes the counts", async () => {
    const q = note({
      type: "Question",
      content: "<p>which?</p>",
      endTime: "2099-01-01T00:00:00Z",
      votersCount: 3,
      oneOf: [
        { type: "Note", name: "a", replies: { type: "Collection", totalItems: 1 } },
        { type: "Note", name: "b", replies: { type: "Collection", totalItems: 2 } },
      ],
    });
    const row = (await upsertRemoteStatus(s.ctx, q, remote.id))!;
    const view = (await (await s.api("GET", `/api/v1/statuses/${row.id}`)).json()) as any;
    expect(view.poll.options).toEqual([
      { title: "a", votes_count: 1 },
      { title: "b", votes_count: 2 },
    ]);
    const voters = () =>
      s.ctx.db.query<{ voters_count: number }, [number]>("SELECT voters_count FROM polls WHERE status_id = ?").get(row.id)!.voters_count;
    expect(voters()).toBe(3);
    expect(view.poll.multiple).toBe(false);
    expect(view.poll.expires_at).toBe("2099-01-01T00:00:00.000Z");
    await upsertRemoteStatus(
      s.ctx,
      {
        ...q,
        votersCount: 4,
        oneOf: [
          { type: "Note", name: "a", replies: { totalItems: 2 } },
          { type: "Note", name: "b", replies: { totalItems: 2 } },
        ],
      },
      remote.id,
    );
    const after = (await (await s.api("GET", `/api/v1/statuses/${row.id}`)).json()) as any;
    expect(after.poll.options[0].votes_count).toBe(2);
    expect(voters()).toBe(4);
    expect(s.count("status_edits", "status_id = ?", row.id)).toBe(0);
  });
  test("Article shows its title in bold and a link, as Mastodon", async () => {
    const row = (await upsertRemoteStatus(
      s.ctx,
      note({ type: "Article", name: "My <b>post</b>", url: `${R}/blog/1`, content: "<p>long text</p>" }),
      remote.id,
    ))!;
    expect(row.content).toBe(
      `<p><strong>My post</strong></p><p><a href="${R}/blog/1" rel="nofollow noopener noreferrer" target="_blank">${R}/blog/1</a></p>`,
    );
    expect(row.url).toBe(`${R}/blog/1`);
  });
});
