/**
 * Quote posts between Hearth instances (FEP-044f as Mastodon 4.5 runs it), over real HTTP with
 * real signatures: A quotes B's post → QuoteRequest → B accepts with a QuoteAuthorization →
 * the quote is accepted on both sides (B's author is notified and sees it); B's author revokes
 * → A shows it revoked; a post whose policy became `nobody` → Reject → rejected. A third
 * instance that fetches the quote checks its stamp at B before showing it accepted.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { handleOf, resolveAccount, settle, statusIdByUri, uriOf } from "./helpers";

let A: TestServer, B: TestServer, C: TestServer;
let alice: TestUser, bob: TestUser, carl: TestUser;
const all = () => settle([A, B, C]);
const AP = { Accept: "application/activity+json" };

const api = async (s: TestServer, u: TestUser | null, method: string, path: string, json?: unknown) => {
  const r = await s.api(method, path, { token: u?.token, json });
  return { status: r.status, body: (await r.json()) as any };
};

beforeAll(async () => {
  [A, B, C] = await Promise.all([startTestServer(), startTestServer(), startTestServer()]);
  [alice, bob, carl] = await Promise.all([A.createUser("alice"), B.createUser("bob"), C.createUser("carl")]);
}, 30_000);
afterAll(async () => {
  await Promise.all([A?.stop(), B?.stop(), C?.stop()]);
});

/** bob posts on B; alice's server A fetches it by URL; returns both ids. */
async function bobPost(text: string, policy = "public") {
  const r = await api(B, bob, "POST", "/api/v1/statuses", { status: text, quote_approval_policy: policy });
  expect(r.status).toBe(200);
  const found = await alice.client.v2.search.list({ q: uriOf(B, r.body.id), resolve: true, type: "statuses" });
  expect(found.statuses.length).toBe(1);
  return { onB: r.body.id as string, onA: found.statuses[0]!.id, uri: uriOf(B, r.body.id) };
}

describe("quoting a remote post", () => {
  let post: { onB: string; onA: string; uri: string };
  let quote: { id: string; uri: string };

  test("A learns the policy from the Note's interactionPolicy.canQuote", async () => {
    post = await bobPost("quotable on B");
    const doc = await (await B.api("GET", new URL(post.uri).pathname, { headers: AP })).json();
    expect(doc.interactionPolicy).toEqual({ canQuote: { automaticApproval: ["https://www.w3.org/ns/activitystreams#Public"] } });
    const onA = await api(A, alice, "GET", `/api/v1/statuses/${post.onA}`);
    expect(onA.body.quote_approval.current_user).toBe("automatic");
  });

  test("QuoteRequest → Accept: accepted on both sides, B's author notified and sees it", async () => {
    const r = await api(A, alice, "POST", "/api/v1/statuses", { status: "look at this", quoted_status_id: post.onA });
    expect(r.status).toBe(200);
    expect(r.body.quote.state).toBe("pending");
    quote = { id: r.body.id, uri: uriOf(A, r.body.id) };
    await all();

    const onA = await api(A, alice, "GET", `/api/v1/statuses/${quote.id}`);
    expect(onA.body.quote.state).toBe("accepted");
    expect(onA.body.quote.quoted_status.id).toBe(post.onA);

    const onBId = statusIdByUri(B, quote.uri);
    expect(onBId).toBeTruthy();
    const onB = await api(B, bob, "GET", `/api/v1/statuses/${onBId}`);
    expect(onB.body.quote.state).toBe("accepted");
    expect(onB.body.quote.quoted_status.id).toBe(post.onB);
    const quotes = await api(B, bob, "GET", `/api/v1/statuses/${post.onB}/quotes`);
    expect(quotes.body.map((s: any) => s.id)).toEqual([onBId]);
    expect((await api(B, bob, "GET", `/api/v1/statuses/${post.onB}`)).body.quotes_count).toBe(1);
    const notes = await api(B, bob, "GET", "/api/v1/notifications?types[]=quote");
    expect(notes.body.map((n: any) => [n.type, n.status.id])).toEqual([["quote", onBId]]);
  });

  test("the quoting Note carries quote, _misskey_quote, quoteUri and the stamp B serves", async () => {
    const note = await (await A.api("GET", new URL(quote.uri).pathname, { headers: AP })).json();
    expect(note.quote).toBe(post.uri);
    expect(note._misskey_quote).toBe(post.uri);
    expect(note.quoteUri).toBe(post.uri);
    expect(note.quoteAuthorization).toStartWith(`${B.url.replace(/\/$/, "")}/users/bob/quote_authorizations/`);
    expect(JSON.stringify(note["@context"])).toContain("https://w3id.org/fep/044f#quoteAuthorization");
    const stamp = await B.api("GET", new URL(note.quoteAuthorization).pathname, { headers: AP });
    expect(stamp.status).toBe(200);
    const doc = await stamp.json();
    expect(doc).toMatchObject({
      id: note.quoteAuthorization,
      type: "QuoteAuthorization",
      attributedTo: bob.account.uri,
      interactionTarget: post.uri,
      interactingObject: quote.uri,
    });
  });

  test("a third instance checks the stamp (fetched from B) before showing the quote", async () => {
    const stamps = B.count("quotes", "approval_uri IS NOT NULL");
    const found = await carl.client.v2.search.list({ q: quote.uri, resolve: true, type: "statuses" });
    expect(found.statuses.length).toBe(1);
    const r = await api(C, carl, "GET", `/api/v1/statuses/${found.statuses[0]!.id}`);
    expect(r.body.quote.state).toBe("accepted");
    expect(r.body.quote.quoted_status.uri).toBe(post.uri);
    expect(C.ctx.db.query<{ approval_uri: string }, []>("SELECT approval_uri FROM quotes").get()!.approval_uri).toContain(
      "/quote_authorizations/",
    );
    expect(stamps).toBe(1);
  });

  test("a stamp that names another post is not accepted", async () => {
    // A Note by alice (served by A) claiming B's stamp for a different post stays pending on C.
    const other = await bobPost("another post of bob");
    const stamp = A.ctx.db.query<{ approval_uri: string }, []>("SELECT approval_uri FROM quotes WHERE approval_uri IS NOT NULL").get()!;
    const r = await api(A, alice, "POST", "/api/v1/statuses", { status: "second quote", quoted_status_id: other.onA });
    const uri = uriOf(A, r.body.id);
    A.ctx.db
      .query("UPDATE quotes SET state = 'accepted', approval_uri = ?, request_uri = NULL WHERE status_id = ?")
      .run(stamp.approval_uri, Number(r.body.id));
    const found = await carl.client.v2.search.list({ q: uri, resolve: true, type: "statuses" });
    const onC = await api(C, carl, "GET", `/api/v1/statuses/${found.statuses[0]!.id}`);
    expect(onC.body.quote.state).toBe("pending");
    await all();
  });

  test("B's author revokes → A shows it revoked and the stamp is gone", async () => {
    const onBId = statusIdByUri(B, quote.uri)!;
    const r = await api(B, bob, "POST", `/api/v1/statuses/${post.onB}/quotes/${onBId}/revoke`);
    expect(r.status).toBe(200);
    await all();
    expect((await api(A, alice, "GET", `/api/v1/statuses/${quote.id}`)).body.quote.state).toBe("revoked");
    const stamp = await B.api(
      "GET",
      `/users/bob/quote_authorizations/${B.ctx.db.query<{ id: number }, [number]>("SELECT id FROM quotes WHERE status_id = ?").get(Number(onBId))!.id}`,
      { headers: AP },
    );
    expect(stamp.status).toBe(404);
  });

  test("a post nobody may quote: QuoteRequest → Reject → rejected", async () => {
    const p = await bobPost("not quotable any more");
    // A still believes the old policy; B changes it before the request arrives.
    expect((await api(B, bob, "PUT", `/api/v1/statuses/${p.onB}/interaction_policy`, { quote_approval_policy: "nobody" })).status).toBe(
      200,
    );
    const r = await api(A, alice, "POST", "/api/v1/statuses", { status: "trying", quoted_status_id: p.onA });
    expect(r.status).toBe(200);
    await all();
    expect((await api(A, alice, "GET", `/api/v1/statuses/${r.body.id}`)).body.quote.state).toBe("rejected");
    expect((await api(B, bob, "GET", `/api/v1/statuses/${p.onB}`)).body.quotes_count).toBe(0);
    const onB = statusIdByUri(B, uriOf(A, r.body.id));
    expect(onB).toBeTruthy();
    expect((await api(B, bob, "GET", `/api/v1/statuses/${onB}`)).body.quote.state).toBe("rejected");
    const notes = (await api(B, bob, "GET", "/api/v1/notifications?types[]=quote")).body;
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.some((n: any) => n.status.id === onB)).toBe(false);
  });
});

describe("stamps that arrive out of order or are gone", () => {
  test("an Update carrying the stamp that reaches a third server before the Create stands for it: accepted once checked", async () => {
    const aliceOnC = await resolveAccount(C, carl, handleOf(A, alice));
    await carl.client.v1.accounts.$select(aliceOnC.id).follow();
    await all();
    const p = await bobPost("quoted out of order");
    await A.server.runner.stop();
    const r = await api(A, alice, "POST", "/api/v1/statuses", { status: "order matters", quoted_status_id: p.onA });
    expect(r.status).toBe(200);
    const uri = uriOf(A, r.body.id);
    // The Create never reaches C: only the Update sent after B's Accept (carrying quoteAuthorization) does.
    const lost = A.ctx.db.query(`DELETE FROM jobs WHERE payload LIKE '%"type":"Create"%'`).run().changes;
    A.server.runner.start();
    expect(lost).toBeGreaterThan(0);
    await all();
    expect((await api(A, alice, "GET", `/api/v1/statuses/${r.body.id}`)).body.quote.state).toBe("accepted");
    const onC = statusIdByUri(C, uri);
    expect(onC).toBeTruthy();
    const s = await api(C, carl, "GET", `/api/v1/statuses/${onC}`);
    expect(s.body.quote.state).toBe("accepted");
    expect(s.body.quote.quoted_status.uri).toBe(p.uri);
    expect(C.count("quotes", "status_id = ? AND approval_uri LIKE '%/quote_authorizations/%'", Number(onC))).toBe(1);
  });

  test("a stamp its origin answers 404 for: the quote is rejected on a third server, not left pending", async () => {
    const p = await bobPost("a post whose stamp is gone");
    await A.server.runner.stop();
    const r = await api(A, alice, "POST", "/api/v1/statuses", { status: "quote with a dead stamp", quoted_status_id: p.onA });
    const uri = uriOf(A, r.body.id);
    const gone = `${B.url.replace(/\/$/, "")}/users/bob/quote_authorizations/1`;
    expect((await B.api("GET", new URL(gone).pathname, { headers: AP })).status).toBe(404);
    A.ctx.db
      .query("UPDATE quotes SET state = 'accepted', approval_uri = ?, request_uri = NULL WHERE status_id = ?")
      .run(gone, Number(r.body.id));
    A.ctx.db.query("DELETE FROM jobs").run();
    A.server.runner.start();
    const found = await carl.client.v2.search.list({ q: uri, resolve: true, type: "statuses" });
    expect(found.statuses.length).toBe(1);
    const onC = await api(C, carl, "GET", `/api/v1/statuses/${found.statuses[0]!.id}`);
    expect(onC.body.quote.state).toBe("rejected");
    expect(onC.body.quote.quoted_status).toBeNull();
  });
});
