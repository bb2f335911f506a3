/**
 * Quote posts (Mastodon 4.5) through masto.js: creating a quote, the Quote entity in every
 * view, who may quote what (422), revocation, the quotes list with paging, notifications
 * and the quote policy preferences.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addBlock, addFollow } from "../statuses/helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => s.createUser(n)))) as any;
  addFollow(s, carol.account.id, bob.account.id);
  addFollow(s, bob.account.id, alice.account.id);
});
afterAll(() => s.stop());

const as = (u: TestUser, method: string, path: string, json?: unknown) => s.api(method, path, { token: u.token, json });
const post = (u: TestUser, body: Record<string, unknown>) => as(u, "POST", "/api/v1/statuses", body);

describe("quoting a post", () => {
  test("the quote is accepted and shows in home, public, the thread, and notifies the quoted author", async () => {
    const orig = await alice.client.v1.statuses.create({ status: "quote me" });
    expect(orig.quoteApproval).toEqual({ automatic: ["public"], manual: [], currentUser: "automatic" });
    const q = await bob.client.v1.statuses.create({ status: "look at this", quotedStatusId: orig.id } as any);
    expect(q.quote?.state).toBe("accepted");
    expect((q.quote as any).quotedStatus.id).toBe(orig.id);
    // The embedded status carries its own quote as a ShallowQuote, and null when it has none.
    expect((q.quote as any).quotedStatus.quote).toBeNull();
    await s.drain();

    const home = await carol.client.v1.timelines.home.list();
    const inHome = home.find((x) => x.id === q.id)!;
    expect(inHome.quote?.state).toBe("accepted");
    expect((inHome.quote as any).quotedStatus.content).toContain("quote me");
    const pub = await s.api("GET", "/api/v1/timelines/public");
    const inPub = (await pub.json()).find((x: any) => x.id === q.id);
    expect(inPub.quote.state).toBe("accepted");
    expect(inPub.quote.quoted_status.id).toBe(orig.id);
    expect(inPub.quote_approval).toEqual({ automatic: ["public"], manual: [], current_user: "denied" });
    const shown = await carol.client.v1.statuses.$select(q.id).fetch();
    expect((shown.quote as any).quotedStatus.id).toBe(orig.id);

    const counted = await alice.client.v1.statuses.$select(orig.id).fetch();
    expect(counted.quotesCount).toBe(1);
    const notes = await alice.client.v1.notifications.list({ types: ["quote"] } as any);
    expect(notes.length).toBe(1);
    expect(notes[0]!.type).toBe("quote");
    expect((notes[0] as any).status.id).toBe(q.id);
    const grouped = await (await as(alice, "GET", "/api/v2/notifications")).json();
    expect(grouped.notification_groups.some((g: any) => g.type === "quote" && g.status_id === q.id)).toBe(true);
  });

  test("a quote of a quote embeds the inner one as a ShallowQuote", async () => {
    const a = await alice.client.v1.statuses.create({ status: "inner" });
    const b = await bob.client.v1.statuses.create({ status: "middle", quotedStatusId: a.id } as any);
    const c = await carol.client.v1.statuses.create({ status: "outer", quotedStatusId: b.id } as any);
    const inner = (c.quote as any).quotedStatus;
    expect(inner.id).toBe(b.id);
    expect(inner.quote).toEqual({ state: "accepted", quotedStatusId: a.id });
  });

  test("private and direct posts of others, and posts with policy nobody, cannot be quoted (422)", async () => {
    const priv = await alice.client.v1.statuses.create({ status: "followers only", visibility: "private" });
    const dm = await alice.client.v1.statuses.create({ status: `@bob secret`, visibility: "direct" });
    for (const id of [priv.id, dm.id]) {
      const r = await post(bob, { status: "nope", quoted_status_id: id });
      expect(r.status).toBe(422);
    }
    const nobody = await alice.client.v1.statuses.create({ status: "do not quote", quoteApprovalPolicy: "nobody" } as any);
    expect(nobody.quoteApproval.automatic).toEqual([]);
    expect((await post(bob, { status: "nope", quoted_status_id: nobody.id })).status).toBe(422);
    expect((await post(bob, { status: "nope", quoted_status_id: "999999999" })).status).toBe(422);
    // The author may quote their own private post; the quote becomes private.
    const own = await post(alice, { status: "me again", quoted_status_id: priv.id, visibility: "public" });
    expect(own.status).toBe(200);
    const ownJson = await own.json();
    expect(ownJson.visibility).toBe("private");
    expect(ownJson.quote.state).toBe("accepted");
    expect(s.count("statuses", "text = 'nope'")).toBe(0);
  });

  test("policy followers: followers may quote, others may not", async () => {
    const st = await alice.client.v1.statuses.create({ status: "for followers", quoteApprovalPolicy: "followers" } as any);
    const seenByBob = await bob.client.v1.statuses.$select(st.id).fetch();
    expect(seenByBob.quoteApproval).toEqual({ automatic: ["followers"], manual: [], currentUser: "automatic" });
    const seenByCarol = await carol.client.v1.statuses.$select(st.id).fetch();
    expect(seenByCarol.quoteApproval.currentUser).toBe("denied");
    expect((await post(carol, { status: "nope", quoted_status_id: st.id })).status).toBe(422);
    expect((await post(bob, { status: "follower quote", quoted_status_id: st.id })).status).toBe(200);
  });

  test("a quote of a post the viewer cannot see is unauthorized, of a deleted one deleted", async () => {
    const priv = await alice.client.v1.statuses.create({ status: "mine only", visibility: "private" });
    const own = await alice.client.v1.statuses.create({ status: "self quote", quotedStatusId: priv.id } as any);
    // bob follows alice and sees both; carol does not follow alice: she cannot see either.
    const asBob = await bob.client.v1.statuses.$select(own.id).fetch();
    expect(asBob.quote?.state).toBe("accepted");
    // A viewer the quoted author blocks sees bob's quote of alice's post as unauthorized.
    const dave = await s.createUser("dave");
    const seen = await alice.client.v1.statuses.create({ status: "not for dave" });
    const bq = await bob.client.v1.statuses.create({ status: "bob quotes", quotedStatusId: seen.id } as any);
    addBlock(s, alice.account.id, dave.account.id);
    const asDave = await dave.client.v1.statuses.$select(bq.id).fetch();
    expect(asDave.quote).toEqual({ state: "unauthorized", quotedStatus: null });
    const anon = await (await s.api("GET", `/api/v1/statuses/${bq.id}`)).json();
    expect(anon.quote.state).toBe("accepted");
    expect(anon.quote_approval.current_user).toBe("denied");
    const pub = await alice.client.v1.statuses.create({ status: "to be deleted" });
    const q = await bob.client.v1.statuses.create({ status: "quoting soon-gone", quotedStatusId: pub.id } as any);
    await alice.client.v1.statuses.$select(pub.id).remove();
    await s.drain();
    const after = await carol.client.v1.statuses.$select(q.id).fetch();
    expect(after.quote).toEqual({ state: "deleted", quotedStatus: null });
  });

  test("the quoted author sees the quotes, paged with Link headers, and can revoke one", async () => {
    const orig = await alice.client.v1.statuses.create({ status: "popular" });
    const ids: string[] = [];
    for (const u of [bob, carol, bob]) ids.push((await u.client.v1.statuses.create({ status: "q", quotedStatusId: orig.id } as any)).id);
    const page1 = await as(alice, "GET", `/api/v1/statuses/${orig.id}/quotes?limit=2`);
    const p1 = await page1.json();
    expect(p1.map((x: any) => x.id)).toEqual([ids[2], ids[1]]);
    const link = page1.headers.get("link")!;
    expect(link).toContain('rel="next"');
    const next = new URL(link.match(/<([^>]+)>; rel="next"/)![1]!);
    const p2 = await (await as(alice, "GET", next.pathname + next.search)).json();
    expect(p2.map((x: any) => x.id)).toEqual([ids[0]]);
    // Only the author may list them.
    expect((await as(bob, "GET", `/api/v1/statuses/${orig.id}/quotes`)).status).toBe(404);

    const revoked = await as(alice, "POST", `/api/v1/statuses/${orig.id}/quotes/${ids[1]}/revoke`);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).quote).toEqual({ state: "revoked", quoted_status: null });
    expect((await as(bob, "POST", `/api/v1/statuses/${orig.id}/quotes/${ids[0]}/revoke`)).status).toBe(404);
    await s.drain();
    const home = await carol.client.v1.timelines.home.list();
    expect(home.find((x) => x.id === ids[1])?.quote?.state).toBe("revoked");
    expect((await carol.client.v1.statuses.$select(ids[1]!).fetch()).quote?.state).toBe("revoked");
    expect((await alice.client.v1.statuses.$select(orig.id).fetch()).quotesCount).toBe(2);
    const rest = await (await as(alice, "GET", `/api/v1/statuses/${orig.id}/quotes`)).json();
    expect(rest.map((x: any) => x.id)).toEqual([ids[2], ids[0]]);
  });

  test("editing a quoted post sends quoted_update; edits may change the quote and the policy", async () => {
    const orig = await alice.client.v1.statuses.create({ status: "v1" });
    const q = await bob.client.v1.statuses.create({ status: "quoting v1", quotedStatusId: orig.id } as any);
    await alice.client.v1.statuses.$select(orig.id).update({ status: "v2" });
    const n = await bob.client.v1.notifications.list({ types: ["quoted_update"] } as any);
    expect(n.length).toBe(1);
    expect((n[0] as any).status.id).toBe(orig.id);

    const other = await carol.client.v1.statuses.create({ status: "other" });
    const edited = await bob.client.v1.statuses.$select(q.id).update({ status: "now quoting other", quotedStatusId: other.id } as any);
    expect((edited.quote as any).quotedStatus.id).toBe(other.id);
    expect((await alice.client.v1.statuses.$select(orig.id).fetch()).quotesCount).toBe(0);
    const policy = await as(bob, "PUT", `/api/v1/statuses/${q.id}`, { status: "now quoting other", quote_approval_policy: "nobody" });
    expect((await policy.json()).quote_approval.automatic).toEqual([]);
    const bad = await as(bob, "PUT", `/api/v1/statuses/${q.id}/interaction_policy`, { quote_approval_policy: "everyone" });
    expect(bad.status).toBe(422);
    const ok = await as(bob, "PUT", `/api/v1/statuses/${q.id}/interaction_policy`, { quote_approval_policy: "followers" });
    expect((await ok.json()).quote_approval.automatic).toEqual(["followers"]);
  });

  test("the default quote policy lives in preferences and source[quote_policy]", async () => {
    const u = await as(carol, "PATCH", "/api/v1/accounts/update_credentials", { source: { quote_policy: "followers" } });
    expect(u.status).toBe(200);
    expect((await u.json()).source.quote_policy).toBe("followers");
    const prefs = await (await as(carol, "GET", "/api/v1/preferences")).json();
    expect(prefs["posting:default:quote_policy"]).toBe("followers");
    const st = await carol.client.v1.statuses.create({ status: "defaulted" });
    expect(st.quoteApproval.automatic).toEqual(["followers"]);
    const bad = await as(carol, "PATCH", "/api/v1/accounts/update_credentials", { source: { quote_policy: "all" } });
    expect(bad.status).toBe(422);
  });
});
