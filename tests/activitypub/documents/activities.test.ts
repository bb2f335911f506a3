/** toApActivity: ids and addressing of the activities other helpers deliver. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { toApActivity, toApNote } from "../../../src/serializers/activitypub";
import { loadNoteData } from "../../../src/db/views/activitypub";
import type { AccountRow, StatusRow } from "../../../src/db/rows";

let s: TestServer;
let alice: TestUser, bob: TestUser;
let aliceRow: AccountRow;
const row = (id: string) => s.ctx.db.query<StatusRow, [string]>("SELECT * FROM statuses WHERE id = ?").get(id)!;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
  aliceRow = s.ctx.db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(alice.account.id)!;
}, 20_000);
afterAll(() => s.stop());

describe("toApActivity", () => {
  test("Create, Update, Delete of a status", async () => {
    const st = await alice.client.v1.statuses.create({ status: "hi @bob", visibility: "private" });
    const s1 = row(st.id);
    const create = toApActivity(s.ctx, "Create", aliceRow, toApNote(s.ctx, s1, loadNoteData(s.ctx, [s1])));
    expect(create.id).toBe(`${s1.uri}/activity`);
    expect(create.to).toEqual([`${s.url}/users/alice/followers`]);
    expect(create.cc).toEqual([`${s.url}/users/bob`]);
    expect((create.object as any)["@context"]).toBeUndefined();
    expect(create["@context"]).toBeDefined();
    await alice.client.v1.statuses.$select(st.id).update({ status: "hi again @bob" });
    const edited = row(st.id);
    const update = toApActivity(s.ctx, "Update", aliceRow, edited, {}, loadNoteData(s.ctx, [edited]));
    expect(update.id).toBe(`${s1.uri}#updates/${edited.edited_at}`);
    expect((update.object as any).updated).toBeDefined();
    const del = toApActivity(s.ctx, "Delete", aliceRow, edited, {}, loadNoteData(s.ctx, [edited]));
    expect(del.id).toBe(`${s1.uri}#delete`);
    expect(del.object).toEqual({ id: s1.uri, type: "Tombstone", atomUri: s1.uri });
    expect(del.to).toEqual(create.to);
  });
  test("Announce and its Undo", async () => {
    const orig = await bob.client.v1.statuses.create({ status: "boost me" });
    const boost = await alice.client.v1.statuses.$select(orig.id).reblog();
    const b = row(boost.id);
    const ann = toApActivity(s.ctx, "Announce", aliceRow, b, {}, loadNoteData(s.ctx, [b]));
    expect(ann.id).toBe(`${b.uri}/activity`);
    expect(ann.object).toBe(row(orig.id).uri);
    expect(ann.to).toEqual(["https://www.w3.org/ns/activitystreams#Public"]);
    expect(ann.cc).toEqual([`${s.url}/users/bob`, `${s.url}/users/alice/followers`]);
    const undo = toApActivity(s.ctx, "Undo", aliceRow, b, {}, loadNoteData(s.ctx, [b]));
    expect(undo.id).toBe(`${b.uri}/activity/undo`);
    expect((undo.object as any).id).toBe(ann.id);
  });
  test("row-based ids for Like, Follow, Block, Accept; extra keys are kept", () => {
    expect(toApActivity(s.ctx, "Like", aliceRow, "https://r.example/n/1", { rowId: 42 }).id).toBe(`${s.url}/users/alice#likes/42`);
    expect(toApActivity(s.ctx, "Follow", aliceRow, "https://r.example/u", { rowId: 7 }).id).toBe(`${s.url}/users/alice#follows/7`);
    expect(toApActivity(s.ctx, "Block", aliceRow, "https://r.example/u", { rowId: 8 }).id).toBe(`${s.url}/users/alice#blocks/8`);
    const follow = { id: "https://r.example/f/1", type: "Follow", actor: "https://r.example/u", object: aliceRow.uri };
    const accept = toApActivity(s.ctx, "Accept", aliceRow, follow, { rowId: 9 });
    expect(accept.id).toBe(`${s.url}/users/alice#accepts/follows/9`);
    expect(accept.object).toEqual(follow);
    const like = toApActivity(s.ctx, "Like", aliceRow, "https://r.example/n/1", { rowId: 1, content: "⭐" });
    expect(like.content).toBe("⭐");
    expect(like.rowId).toBeUndefined();
    const undo = toApActivity(s.ctx, "Undo", aliceRow, like);
    expect(undo.id).toBe(`${like.id}/undo`);
  });
});
