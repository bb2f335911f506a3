/**
 * Trending posts in the viewer's languages come first, as Mastodon's Trends::Statuses query
 * orders them: a signed-in user's chosen languages, else the content locale (the `lang`
 * parameter, the user's locale, Accept-Language, the instance's default language). Nothing is
 * filtered out: the other languages follow, by score.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { setChosenLanguages } from "../../../../src/services/accounts/chosen-languages";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let fans: TestUser[];
let reader: TestUser;
let german: string, english: string;

beforeAll(async () => {
  s = await startTestServer({ frozen: true, runJobs: false });
  const [de, en] = [await s.createUser("dora"), await s.createUser("ed")];
  fans = [];
  for (let i = 0; i < 7; i++) fans.push(await s.createUser(`fan${i}`));
  reader = await s.createUser("reader");
  for (const a of [de, en]) await a.client.v1.accounts.updateCredentials({ discoverable: true });
  german = (await de.client.v1.statuses.create({ status: "Ein schöner Sonnenuntergang", language: "de" })).id;
  english = (await en.client.v1.statuses.create({ status: "A lovely sunset", language: "en" })).id;
  // The German post scores higher (seven favourites against five).
  for (const f of fans) await f.client.v1.statuses.$select(german).favourite();
  for (const f of fans.slice(0, 5)) await f.client.v1.statuses.$select(english).favourite();
  s.ctx.db.query("INSERT OR REPLACE INTO settings (key, value) VALUES ('trendable_by_default', 'true')").run();
  s.ctx.jobs.enqueue("trends.refresh", {});
  await s.drain();
}, 30_000);
afterAll(() => s.stop());

async function ids(opts: { token?: string; lang?: string; acceptLanguage?: string } = {}): Promise<string[]> {
  const q = opts.lang ? `?lang=${opts.lang}` : "";
  const headers: Record<string, string> = opts.acceptLanguage ? { "Accept-Language": opts.acceptLanguage } : {};
  const res = await s.api("GET", `/api/v1/trends/statuses${q}`, { token: opts.token, headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }[]).map((x) => x.id);
}

test("anonymous: the instance's default language (en) first, else by score; Accept-Language or lang moves German first", async () => {
  expect(await ids()).toEqual([english, german]);
  expect(await ids({ acceptLanguage: "de-DE,de;q=0.9,en;q=0.5" })).toEqual([german, english]);
  expect(await ids({ acceptLanguage: "fr;q=0.4, xx, de;q=0.8" })).toEqual([german, english]);
  expect(await ids({ lang: "de" })).toEqual([german, english]);
  // A language nobody trends in: only the score orders them.
  expect(await ids({ acceptLanguage: "ja" })).toEqual([german, english]);
});

test("signed in: the user's locale beats Accept-Language; chosen languages beat both", async () => {
  expect(await ids({ token: reader.token, acceptLanguage: "de" })).toEqual([english, german]);
  expect(setChosenLanguages(s.ctx, reader.account.id, ["de", "fr"])).toEqual(["de", "fr"]);
  expect(await ids({ token: reader.token })).toEqual([german, english]);
  expect(await ids({ token: reader.token, acceptLanguage: "en", lang: "en" })).toEqual([german, english]);
  // Anonymous viewers are unaffected by someone's choice.
  expect(await ids()).toEqual([english, german]);
  expect(setChosenLanguages(s.ctx, reader.account.id, [])).toBeNull();
  expect(await ids({ token: reader.token })).toEqual([english, german]);
});

test("chosen languages must be languages", () => {
  expect(() => setChosenLanguages(s.ctx, reader.account.id, ["klingon"])).toThrow("is not a language");
});
