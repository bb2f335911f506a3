import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import type { StatusRow } from "../../../../src/db/rows";
import { linkPath, makeMark, makeStatus, makeUsers } from "./fixtures";

let s: TestServer;
let me: TestUser, other: TestUser, author: TestUser;
let st: StatusRow[] = [];
const ids = (list: any[]) => list.map((x) => x.id as string);

beforeAll(async () => {
  s = await startTestServer();
  [me, other, author] = await makeUsers(s, "fme", "fother", "fauthor");
  for (let i = 0; i < 4; i++) st.push(makeStatus(s.ctx, author.account.id, { text: `s${i}` }));
});
afterAll(() => s.stop());

for (const [table, path, scope, flag] of [
  ["favourites", "/api/v1/favourites", "read:favourites", "favourited"],
  ["bookmarks", "/api/v1/bookmarks", "read:bookmarks", "bookmarked"],
] as const) {
  describe(`GET ${path}`, () => {
    let markIds: number[] = [];
    beforeAll(() => {
      // marked in an order unlike status order: the list follows the mark, not the status
      markIds = [2, 0, 3, 1].map((i) => makeMark(s.ctx, table, me.account.id, st[i]!.id));
      makeMark(s.ctx, table, other.account.id, st[2]!.id);
    });

    test("newest mark first, with viewer flag", async () => {
      const list: any[] = await (table === "favourites"
        ? me.client.v1.favourites.list({ limit: 40 })
        : me.client.v1.bookmarks.list({ limit: 40 }));
      expect(ids(list)).toEqual([1, 3, 0, 2].map((i) => String(st[i]!.id)));
      expect(list.every((x) => x[flag] === true)).toBe(true);
      const theirs = await s.api("GET", path, { token: other.token });
      expect(ids(await theirs.json())).toEqual([String(st[2]!.id)]);
    });

    test("Link header carries mark ids and pages correctly", async () => {
      const r1 = await s.api("GET", `${path}?limit=2`, { token: me.token });
      expect(ids(await r1.json())).toEqual([1, 3].map((i) => String(st[i]!.id)));
      const next = linkPath(r1, "next", s.url)!;
      expect(next).toContain(`max_id=${markIds[2]}`);
      expect(linkPath(r1, "prev", s.url)).toContain(`min_id=${markIds[3]}`);
      const r2 = await s.api("GET", next, { token: me.token });
      expect(ids(await r2.json())).toEqual([0, 2].map((i) => String(st[i]!.id)));
      const r3 = await s.api("GET", linkPath(r2, "next", s.url)!, { token: me.token });
      expect(await r3.json()).toEqual([]);
      const back = await s.api("GET", linkPath(r2, "prev", s.url)!, { token: me.token });
      expect(ids(await back.json())).toEqual([1, 3].map((i) => String(st[i]!.id)));
      const walked: string[] = [];
      const paginator = table === "favourites" ? me.client.v1.favourites.list({ limit: 1 }) : me.client.v1.bookmarks.list({ limit: 1 });
      for await (const page of paginator) walked.push(...ids(page));
      expect(walked).toEqual([1, 3, 0, 2].map((i) => String(st[i]!.id)));
    });

    test("auth: no token 401, wrong scope 403, the specific scope works", async () => {
      expect((await s.api("GET", path)).status).toBe(401);
      expect((await s.api("GET", path, { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(403);
      expect((await s.api("GET", path, { token: s.token(me.user.id, [scope]) })).status).toBe(200);
    });
  });
}
