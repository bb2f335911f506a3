/**
 * Remote HTML that tries to close the containers around it is stored and served balanced, and
 * HTML stored by the old streaming sanitizer (stray end tags included) is repaired by the
 * one-time job that migration 0024 enqueues (statuses, their earlier versions, bios, fields).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { defaultTreeAdapter, parseFragment, serialize } from "parse5";
import { migrate } from "../../../../src/db/migrate";
import { upsertRemoteActor } from "../../../../src/services/federation/resolve-account";
import { upsertRemoteStatus } from "../../../../src/services/federation/resolve-status";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

const R = "https://remote.example";
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const ESCAPE = `</div></article></main></body><a href="https://evil.example/login">Sign in</a>`;
const LINK = `<a href="https://evil.example/login" rel="nofollow noopener noreferrer" target="_blank">Sign in</a>`;
let s: TestServer;
let viewer: TestUser;
let remoteId: number;
let n = 0;

const balanced = (html: string) =>
  serialize(parseFragment(defaultTreeAdapter.createElement("div", "http://www.w3.org/1999/xhtml" as never, []), html, {})) === html;

async function remoteNote(content: string): Promise<number> {
  n++;
  const row = await upsertRemoteStatus(
    s.ctx,
    {
      id: `${R}/users/rem/statuses/${n}`,
      type: "Note",
      attributedTo: `${R}/users/rem`,
      content,
      published: "2024-05-01T10:00:00Z",
      to: [PUBLIC],
      cc: [`${R}/users/rem/followers`],
    },
    remoteId,
  );
  return row!.id;
}

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  viewer = await s.createUser("viewer");
  remoteId = upsertRemoteActor(s.ctx, {
    id: `${R}/users/rem`,
    type: "Person",
    preferredUsername: "rem",
    name: "Rem </div><b>",
    summary: `<p>bio</p>${ESCAPE}`,
    inbox: `${R}/users/rem/inbox`,
    followers: `${R}/users/rem/followers`,
    attachment: [{ type: "PropertyValue", name: "Web", value: `<p>v${ESCAPE}` }],
  }).id;
}, 20_000);
afterAll(() => s.stop());

describe("remote HTML over the API", () => {
  test("a note that closes the page's containers is served balanced", async () => {
    const id = await remoteNote(`<p>hello</p>${ESCAPE}<p>bye`);
    const status = await viewer.client.v1.statuses.$select(String(id)).fetch();
    expect(status.content).toBe(`<p>hello</p>${LINK}<p>bye</p>`);
    expect(balanced(status.content)).toBe(true);
  });

  test("bio and profile fields are balanced; the display name is plain text", async () => {
    const account = await viewer.client.v1.accounts.$select(String(remoteId)).fetch();
    expect(account.note).toBe(`<p>bio</p>${LINK}`);
    expect(account.fields[0]!.value).toBe(`<p>v${LINK}</p>`);
    expect(account.displayName).toBe("Rem </div><b>");
  });
});

describe("HTML stored by the old sanitizer", () => {
  test("the one-time job repairs statuses, earlier versions, bios and fields", async () => {
    // What the streaming sanitizer stored: stray end tags passed through, open tags left open.
    const old = `<p>old</p>${ESCAPE}`;
    const ids: number[] = [];
    for (let i = 0; i < 205; i++) ids.push(await remoteNote(`<p>x${i}</p>`));
    const db = s.ctx.db;
    for (const id of ids) db.query("UPDATE statuses SET content = ? WHERE id = ?").run(`${old}<b>${id}`, id);
    db.query("INSERT INTO status_edits (id, status_id, account_id, content, created_at) VALUES (?, ?, ?, ?, 0)").run(
      s.ctx.ids.next(),
      ids[0]!,
      remoteId,
      old,
    );
    const fields = JSON.stringify([{ name: "Web", value: old, value_html: old, verified_at: null }]);
    db.query("UPDATE accounts SET note = ?, fields = ? WHERE id = ?").run(old, fields, remoteId);
    // A local post's markup is the formatter's own and is not touched.
    const local = (await viewer.client.v1.statuses.create({ status: "mine" })).id;
    const localBefore = db.query<{ content: string }, [string]>("SELECT content FROM statuses WHERE id = ?").get(local)!.content;

    db.query("DELETE FROM schema_migrations WHERE name = '0024_resanitize_remote_html'").run();
    expect(migrate(db)).toEqual(["0024_resanitize_remote_html"]);
    expect(s.count("jobs", "kind = 'federation.resanitize_html'")).toBe(1);
    await s.drain();
    expect(s.count("jobs", "kind = 'federation.resanitize_html'")).toBe(0);

    const repaired = `<p>old</p>${LINK}`;
    for (const id of [ids[0]!, ids[204]!]) {
      const status = await viewer.client.v1.statuses.$select(String(id)).fetch();
      expect(status.content).toBe(`${repaired}<b>${id}</b>`);
    }
    const history = await viewer.client.v1.statuses.$select(String(ids[0])).history.list();
    expect(history[0]!.content).toBe(repaired);
    const account = await viewer.client.v1.accounts.$select(String(remoteId)).fetch();
    expect(account.note).toBe(repaired);
    expect(account.fields[0]!.value).toBe(repaired);
    expect(db.query<{ content: string }, [string]>("SELECT content FROM statuses WHERE id = ?").get(local)!.content).toBe(localBefore);
  });
});
