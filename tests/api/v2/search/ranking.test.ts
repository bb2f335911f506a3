/**
 * Relevance ranking (issue 13): among matches of the same age, term frequency over length
 * decides, counted on folded words (accents and case away), with the content warning counted
 * and a remote post's HTML read as text (tags join, paragraphs separate).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ frozen: Date.UTC(2024, 5, 10, 12) });
  me = await s.createUser("me");
  const post = async (status: string, o: Record<string, unknown> = {}) => {
    s.clock.advance(1000);
    return (await me.client.v1.statuses.create({ status, ...o })).id;
  };
  ids.cw = await post("a long sentence without the word at all here", { spoiler_text: "cafe" });
  ids.accents = await post("Café CAFÉ and more words here");
  ids.html = await post("placeholder");
  ids.short = await post("cafe");
  // As a remote post arrives: HTML content, no source text.
  s.ctx.db
    .query("UPDATE statuses SET local = 0, text = '', content = ? WHERE id = ?")
    .run("<p>cafe</p><p>cafe <b>cafe</b>teria and tea</p>", Number(ids.html));
});
afterAll(() => s.stop());

test("term frequency over length decides among posts of the same age", async () => {
  const res = await s.api("GET", "/api/v2/search?type=statuses&q=cafe", { token: me.token });
  expect(res.status).toBe(200);
  const got = ((await res.json()).statuses as { id: string }[]).map((x) => x.id);
  // BM25's tf and length parts (average 5.5 words): 1 of 1 word, 2 of 5 (cafe cafe cafeteria and
  // tea), 2 of 6 (café café ...), 1 of 10 (the warning's word and 9 more).
  expect(got).toEqual([ids.short!, ids.html!, ids.accents!, ids.cw!]);
});
