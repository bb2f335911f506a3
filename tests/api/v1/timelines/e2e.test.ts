import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { mastodon } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers } from "./fixtures";

let s: TestServer;
let a: TestUser, b: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [a, b] = await makeUsers(s, "e2ealice", "e2ebob");
});
afterAll(() => s.stop());

/** A status without the parts that legitimately change later or differ per viewer. */
const stable = (x: mastodon.v1.Status) => ({ ...x, account: { ...x.account, statusesCount: 0, lastStatusAt: null }, pinned: undefined });

describe("end to end through the statuses and follow APIs", () => {
  test("B follows A, A posts, B's home timeline pages through A's statuses; mention notifies B", async () => {
    const rel = await b.client.v1.accounts.$select(a.id).follow();
    expect(rel.following).toBe(true);
    const posted: mastodon.v1.Status[] = [];
    for (let i = 1; i <= 5; i++) posted.push(await a.client.v1.statuses.create({ status: `post ${i}` }));
    await s.drain();

    const pages: mastodon.v1.Status[][] = [];
    for await (const page of b.client.v1.timelines.home.list({ limit: 2 })) {
      pages.push(page);
      if (pages.length === 3) break;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const seen = pages.flat();
    expect(seen.map((x) => x.id)).toEqual(posted.map((x) => x.id).reverse());
    // The newest is unchanged since it was posted; older ones differ only in the author's counters.
    expect(stable(seen[0]!)).toEqual(stable(posted[4]!));
    const { pinned: _p, ...newestForB } = posted[4]!;
    expect(seen[0]).toEqual(newestForB as mastodon.v1.Status);
    for (let i = 0; i < 5; i++) expect(stable(seen[i]!)).toEqual(stable(posted[4 - i]!));
    // A sees exactly what POST returned in A's own home timeline
    const own = await a.client.v1.timelines.home.list({ limit: 1 });
    expect(own[0]).toEqual(posted[4]!);

    const mention = await a.client.v1.statuses.create({ status: `hello @${b.account.username}` });
    await s.drain();
    const notes = await b.client.v1.notifications.list({ types: ["mention"] });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.type).toBe("mention");
    expect(notes[0]!.account.id).toBe(a.id);
    expect(notes[0]!.status!.id).toBe(mention.id);
    expect(notes[0]!.groupKey).toBe(`ungrouped-${notes[0]!.id}`);
    expect(await b.client.v1.notifications.list({ types: ["follow"] })).toHaveLength(0);
    expect((await a.client.v1.notifications.list({ types: ["follow"] }))[0]!.account.id).toBe(b.id);
  });
});
