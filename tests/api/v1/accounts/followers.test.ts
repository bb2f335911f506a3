import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertFollow } from "../../../rig/fixtures";

let s: TestServer;
let star: TestUser;
const fans: TestUser[] = [];

beforeAll(async () => {
  s = await startTestServer();
  star = await s.createUser("star");
  for (let i = 0; i < 5; i++) {
    const u = await s.createUser(`fan${i}`);
    fans.push(u);
    insertFollow(s.ctx, Number(u.id), Number(star.id));
  }
  insertFollow(s.ctx, Number(star.id), Number(fans[0]!.id));
}, 30_000);
afterAll(() => s.stop());

const nextLink = (res: Response) => /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
const prevLink = (res: Response) => /<([^>]+)>; rel="prev"/.exec(res.headers.get("link") ?? "")?.[1];

test("followers are paginated newest first by follow, following lists the other side", async () => {
  const res = await s.api("GET", `/api/v1/accounts/${star.id}/followers?limit=2`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { id: string }[]).map((a) => a.id)).toEqual([fans[4]!.id, fans[3]!.id]);
  const next = nextLink(res)!;
  expect(next).toContain(`${s.url}/api/v1/accounts/${star.id}/followers?limit=2&max_id=`);
  const res2 = await fetch(next);
  expect(((await res2.json()) as { id: string }[]).map((a) => a.id)).toEqual([fans[2]!.id, fans[1]!.id]);
  const back = await fetch(prevLink(res2)!);
  expect(((await back.json()) as { id: string }[]).map((a) => a.id)).toEqual([fans[4]!.id, fans[3]!.id]);

  // masto.js follows the Link header
  const seen: string[] = [];
  for await (const page of star.client.v1.accounts.$select(star.id).followers.list({ limit: 2 })) seen.push(...page.map((a) => a.id));
  expect(seen).toEqual(fans.map((f) => f.id).reverse());

  const following = await fans[1]!.client.v1.accounts.$select(star.id).following.list();
  expect(following.map((a) => a.id)).toEqual([fans[0]!.id]);
});

test("hide_collections hides lists from others but not from the owner; blocked accounts drop out", async () => {
  s.ctx.db.query("UPDATE accounts SET hide_collections = 1 WHERE id = ?").run(star.id);
  expect(await (await s.api("GET", `/api/v1/accounts/${star.id}/followers`, { token: fans[0]!.token })).json()).toEqual([]);
  expect(await (await s.api("GET", `/api/v1/accounts/${star.id}/following`)).json()).toEqual([]);
  expect(((await (await s.api("GET", `/api/v1/accounts/${star.id}/followers`, { token: star.token })).json()) as unknown[]).length).toBe(5);
  s.ctx.db.query("UPDATE accounts SET hide_collections = 0 WHERE id = ?").run(star.id);

  await fans[0]!.client.v1.accounts.$select(fans[1]!.id).block();
  const seenBy0 = (await (await s.api("GET", `/api/v1/accounts/${star.id}/followers`, { token: fans[0]!.token })).json()) as {
    id: string;
  }[];
  expect(seenBy0.map((a) => a.id)).not.toContain(fans[1]!.id);
  expect(seenBy0.length).toBe(4);
  // an account that blocks the viewer hides its network from them
  await star.client.v1.accounts.$select(fans[2]!.id).block();
  expect(await (await s.api("GET", `/api/v1/accounts/${star.id}/followers`, { token: fans[2]!.token })).json()).toEqual([]);
  expect(((await (await s.api("GET", `/api/v1/accounts/${star.id}/followers`)).json()) as unknown[]).length).toBe(4);
});

test("bad input", async () => {
  expect((await s.api("GET", `/api/v1/accounts/12345/followers`)).status).toBe(404);
  expect((await s.api("GET", `/api/v1/accounts/${star.id}/following`, { token: "nope" })).status).toBe(401);
  expect((await s.api("GET", `/api/v1/accounts/${star.id}/following`, { token: s.token(star.user.id, ["write"]) })).status).toBe(403);
  // junk pagination params are ignored as Mastodon does
  expect((await s.api("GET", `/api/v1/accounts/${star.id}/followers?max_id=abc&limit=zz`)).status).toBe(200);
});
