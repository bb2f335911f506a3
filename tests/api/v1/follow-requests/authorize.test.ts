import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let owner: TestUser, dan: TestUser, erin: TestUser, fay: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  owner = await s.createUser("owner", { locked: true });
  dan = await s.createUser("dan");
  erin = await s.createUser("erin");
  fay = await s.createUser("fay");
}, 30_000);
afterAll(() => s.stop());

test("following a locked account makes a request; authorize turns it into a follow", async () => {
  const priv = insertStatus(s.ctx, Number(owner.id), { visibility: "private", text: "followers only" });
  const rel = await dan.client.v1.accounts.$select(owner.id).follow({ reblogs: false });
  expect(rel).toMatchObject({ following: false, requested: true, showingReblogs: false });
  expect(s.count("notifications", "account_id = ? AND from_account_id = ? AND type = 'follow_request'", owner.id, dan.id)).toBe(1);
  expect(s.count("follows", "account_id = ?", dan.id)).toBe(0);

  const me = await owner.client.v1.accounts.verifyCredentials();
  expect(me.source.followRequestsCount).toBe(1);
  const [ownerView] = await owner.client.v1.accounts.relationships.fetch({ id: [dan.id] });
  expect(ownerView).toMatchObject({ requestedBy: true, followedBy: false });

  const list = await owner.client.v1.followRequests.list();
  expect(list.map((a) => a.id)).toEqual([dan.id]);

  const after = await owner.client.v1.followRequests.$select(dan.id).authorize();
  expect(after).toMatchObject({ id: dan.id, followedBy: true, requestedBy: false });
  expect(s.count("follow_requests")).toBe(0);
  expect(s.count("follows", "account_id = ? AND target_account_id = ? AND show_reblogs = 0", dan.id, owner.id)).toBe(1);
  expect(s.count("notifications", "type = 'follow_request'")).toBe(0);
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", dan.id, priv.id)).toBe(1);
  const [danView] = await dan.client.v1.accounts.relationships.fetch({ id: [owner.id] });
  expect(danView).toMatchObject({ following: true, requested: false });
  const o = s.ctx.db.query<{ followers_count: number }, [string]>("SELECT followers_count FROM accounts WHERE id = ?").get(owner.id)!;
  expect(o.followers_count).toBe(1);
});

test("reject removes the request and writes no follow", async () => {
  await erin.client.v1.accounts.$select(owner.id).follow();
  const rel = await owner.client.v1.followRequests.$select(erin.id).reject();
  expect(rel).toMatchObject({ id: erin.id, followedBy: false, requestedBy: false });
  expect(s.count("follow_requests")).toBe(0);
  expect(s.count("follows", "account_id = ?", erin.id)).toBe(0);
});

test("follow requests are paginated with a Link header", async () => {
  for (const u of [dan, erin, fay]) await s.api("POST", `/api/v1/accounts/${owner.id}/unfollow`, { token: u.token });
  for (const u of [dan, erin, fay]) await u.client.v1.accounts.$select(owner.id).follow();
  const res = await s.api("GET", "/api/v1/follow_requests?limit=2", { token: owner.token });
  const page1 = (await res.json()) as { id: string }[];
  expect(page1.map((a) => a.id)).toEqual([fay.id, erin.id]);
  const next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")![1]!;
  const page2 = (await (await fetch(next, { headers: { Authorization: `Bearer ${owner.token}` } })).json()) as { id: string }[];
  expect(page2.map((a) => a.id)).toEqual([dan.id]);
});

test("bad input: unknown requester, someone else's request, scopes, no token", async () => {
  const n = s.count("follows");
  expect((await s.api("POST", `/api/v1/follow_requests/99999/authorize`, { token: owner.token })).status).toBe(404);
  // fay has no request to dan
  expect((await s.api("POST", `/api/v1/follow_requests/${fay.id}/authorize`, { token: dan.token })).status).toBe(404);
  expect((await s.api("POST", `/api/v1/follow_requests/${fay.id}/reject`, { token: dan.token })).status).toBe(404);
  const readOnly = s.token(owner.user.id, ["read"]);
  expect((await s.api("POST", `/api/v1/follow_requests/${fay.id}/authorize`, { token: readOnly })).status).toBe(403);
  expect((await s.api("POST", `/api/v1/follow_requests/${fay.id}/authorize`)).status).toBe(401);
  expect((await s.api("GET", `/api/v1/follow_requests`)).status).toBe(401);
  expect((await s.api("GET", `/api/v1/follow_requests`, { token: s.token(owner.user.id, ["write"]) })).status).toBe(403);
  expect(s.count("follows")).toBe(n);
  expect(s.count("follow_requests", "target_account_id = ?", owner.id)).toBe(3);
});
