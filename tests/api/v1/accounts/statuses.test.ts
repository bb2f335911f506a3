import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertFollow, insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let author: TestUser, follower: TestUser, stranger: TestUser, friend: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  author = await s.createUser("author");
  follower = await s.createUser("follower");
  stranger = await s.createUser("stranger");
  friend = await s.createUser("friend");
  insertFollow(s.ctx, Number(follower.id), Number(author.id));
  const aid = Number(author.id);
  const other = insertStatus(s.ctx, Number(friend.id), { text: "friend's post" });
  const put = (k: string, f: Parameters<typeof insertStatus>[2]) => {
    ids[k] = String(insertStatus(s.ctx, aid, f).id);
  };
  put("public", { text: "hello #Cats", tags: ["Cats"] });
  put("unlisted", { visibility: "unlisted" });
  put("private", { visibility: "private" });
  put("direct", { visibility: "direct", mentions: [Number(friend.id)] });
  put("privMention", { visibility: "private", mentions: [Number(stranger.id)] });
  put("media", { media: true, sensitive: true });
  put("reply", { inReplyTo: other.id });
  put("selfReply", { inReplyTo: Number(ids.public) });
  put("reblog", { reblogOf: other.id });
  put("pinned", { pinned: true });
}, 30_000);
afterAll(() => s.stop());

const list = async (token: string | undefined, query = "") => {
  const res = await s.api("GET", `/api/v1/accounts/${author.id}/statuses${query}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }[]).map((x) => x.id);
};
const names = (got: string[]) => got.map((id) => Object.keys(ids).find((k) => ids[k] === id)).sort();

test("visibility depends on who is looking", async () => {
  const everyoneSees = ["media", "pinned", "public", "reblog", "reply", "selfReply", "unlisted"];
  expect(names(await list(undefined))).toEqual(everyoneSees);
  expect(names(await list(stranger.token))).toEqual([...everyoneSees, "privMention"].sort());
  expect(names(await list(follower.token))).toEqual([...everyoneSees, "private", "privMention"].sort());
  expect(names(await list(friend.token))).toEqual([...everyoneSees, "direct"].sort());
  expect(names(await list(author.token))).toEqual(Object.keys(ids).sort());
});

test("filters: pinned, exclude_replies, exclude_reblogs, only_media, tagged, exclude_sensitive", async () => {
  const c = author.client.v1.accounts.$select(author.id).statuses;
  expect(names((await c.list({ pinned: true })).map((x) => x.id))).toEqual(["pinned"]);
  const noReplies = names((await c.list({ excludeReplies: true })).map((x) => x.id));
  expect(noReplies).not.toContain("reply");
  expect(noReplies).toContain("selfReply");
  expect(names((await c.list({ excludeReblogs: true })).map((x) => x.id))).not.toContain("reblog");
  const media = await c.list({ onlyMedia: true });
  expect(names(media.map((x) => x.id))).toEqual(["media"]);
  expect(media[0]!.mediaAttachments.length).toBe(1);
  expect(names((await c.list({ tagged: "cats" })).map((x) => x.id))).toEqual(["public"]);
  expect(names(await list(author.token, "?exclude_sensitive=true"))).not.toContain("media");
  const reblog = (await c.list()).find((x) => x.id === ids.reblog)!;
  expect(reblog.reblog?.content).toBe("<p>friend's post</p>");
});

test("pagination with Link header", async () => {
  const all = await list(author.token);
  const res = await s.api("GET", `/api/v1/accounts/${author.id}/statuses?limit=3`, { token: author.token });
  const first = ((await res.json()) as { id: string }[]).map((x) => x.id);
  expect(first).toEqual(all.slice(0, 3));
  const next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link")!)![1]!;
  const second = ((await (await fetch(next, { headers: { Authorization: `Bearer ${author.token}` } })).json()) as { id: string }[]).map(
    (x) => x.id,
  );
  expect(second).toEqual(all.slice(3, 6));
  expect(await list(author.token, `?min_id=${all[2]}`)).toEqual(all.slice(0, 2));
});

test("bad input", async () => {
  expect((await s.api("GET", `/api/v1/accounts/424242/statuses`)).status).toBe(404);
  expect((await s.api("GET", `/api/v1/accounts/${author.id}/statuses?pinned=perhaps`)).status).toBe(422);
  expect((await s.api("GET", `/api/v1/accounts/${author.id}/statuses`, { token: "bad" })).status).toBe(401);
  expect((await s.api("GET", `/api/v1/accounts/${author.id}/statuses`, { token: s.token(stranger.user.id, ["write"]) })).status).toBe(403);
});
