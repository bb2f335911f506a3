/**
 * Quotes from software that predates FEP-044f (Misskey's `_misskey_quote`, `quoteUrl`,
 * Fedibird's `quoteUri`), sent by a Fedify peer: shown with the quote, accepted as a legacy
 * quote as Mastodon 4.5 shows them; the quoted post is fetched, or linked when it arrives later.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { startPeer, type Peer } from "../peers/fedify-peer";
import { settle, statusIdByUri } from "./helpers";

const T = 20_000;
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
let H: TestServer, P: Peer, alice: TestUser;
const done = () => settle([H], [P]);

beforeAll(async () => {
  [H, P] = await Promise.all([startTestServer(), startPeer()]);
  alice = await H.createUser("alice");
}, 30_000);
afterAll(async () => {
  await P?.stop();
  await H?.stop();
});

let seq = 0;
/** Sends a Create of a Note by lena straight to alice's inbox (Misskey shape); returns the Note's id. */
async function rawNote(content: string, extra: Record<string, unknown>, id = `${P.actors.lena!.uri}/raw-notes/${++seq}`): Promise<string> {
  const lena = P.actors.lena!;
  const note = { id, type: "Note", attributedTo: lena.uri, content, to: [PUBLIC], cc: [], published: new Date().toISOString(), ...extra };
  const r = await P.sendRaw(
    {
      "@context": [
        "https://www.w3.org/ns/activitystreams",
        { _misskey_quote: "https://misskey-hub.net/ns#_misskey_quote", quoteUrl: "as:quoteUrl" },
      ],
      id: `${id}#create`,
      type: "Create",
      actor: lena.uri,
      to: [PUBLIC],
      object: note,
    },
    `${H.url.replace(/\/$/, "")}/users/alice/inbox`,
    { from: "lena" },
  );
  expect(r.status).toBe(202);
  await done();
  return id;
}

const uriOfLocal = (id: string) => H.ctx.db.query<{ uri: string }, [number]>("SELECT uri FROM statuses WHERE id = ?").get(Number(id))!.uri;
const statusOnH = async (uri: string) => {
  const id = statusIdByUri(H, uri);
  expect(id).toBeTruthy();
  const r = await H.api("GET", `/api/v1/statuses/${id}`, { token: alice.token });
  return (await r.json()) as any;
};

describe("quotes from a Fedify peer", () => {
  test(
    "a `_misskey_quote` note is shown with the quoted post (fetched from the peer), accepted as legacy",
    async () => {
      const quoted = await P.post("<p>the original on the peer</p>", { from: "lena" });
      expect(statusIdByUri(H, quoted.id)).toBeNull();
      const uri = await rawNote("<p>RE: look</p>", { _misskey_quote: quoted.id, quoteUrl: quoted.id });
      const s = await statusOnH(uri);
      expect(s.quote.state).toBe("accepted");
      expect(s.quote.quoted_status.uri).toBe(quoted.id);
      expect(s.quote.quoted_status.content).toContain("the original on the peer");
      expect(H.count("quotes", "legacy = 1")).toBe(1);
    },
    T,
  );

  test(
    "a `quoteUri` quote of a local post is shown and counted",
    async () => {
      const mine = await alice.client.v1.statuses.create({ status: "alice's own words" });
      const uri = await rawNote("<p>quoting alice</p>", { quoteUri: `${H.url.replace(/\/$/, "")}/users/alice/statuses/${mine.id}` });
      const s = await statusOnH(uri);
      expect(s.quote.state).toBe("accepted");
      expect(s.quote.quoted_status.id).toBe(mine.id);
      const again = await alice.client.v1.statuses.$select(mine.id).fetch();
      expect((again as any).quotesCount).toBe(1);
    },
    T,
  );

  test(
    "a quote of a post the peer cannot serve yet is linked when that post arrives",
    async () => {
      const laterId = `${P.actors.lena!.uri}/raw-notes/later`;
      const uri = await rawNote("<p>quoting the future</p>", { _misskey_quote: laterId });
      expect((await statusOnH(uri)).quote.state).toBe("deleted");
      await rawNote("<p>here I am</p>", {}, laterId);
      const s = await statusOnH(uri);
      expect(s.quote.state).toBe("accepted");
      expect(s.quote.quoted_status.uri).toBe(laterId);
    },
    T,
  );

  test(
    "a post whose author approves quotes by hand (manualApproval): quoting is allowed, pending until their Accept",
    async () => {
      const lena = P.actors.lena!;
      const uri = await rawNote("<p>ask me first</p>", {
        interactionPolicy: { canQuote: { automaticApproval: [lena.uri], manualApproval: [PUBLIC] } },
      });
      const quoted = await statusOnH(uri);
      expect(quoted.quote_approval).toEqual({ automatic: [], manual: ["public"], current_user: "manual" });
      const r = await H.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "may I?", quoted_status_id: quoted.id } });
      expect(r.status).toBe(200);
      const mine = (await r.json()) as any;
      expect(mine.quote.state).toBe("pending");
      await done();
      const requestId = H.ctx.db
        .query<{ request_uri: string }, [number]>("SELECT request_uri FROM quotes WHERE status_id = ?")
        .get(Number(mine.id))!.request_uri;
      expect(P.received.some((x) => x.type === "QuoteRequest" && x.id === requestId)).toBe(true);
      // Nothing happens until the author decides: still pending.
      expect((await statusOnH(uriOfLocal(mine.id))).quote.state).toBe("pending");
      const accept = await P.sendRaw(
        {
          "@context": ["https://www.w3.org/ns/activitystreams", { QuoteRequest: "https://w3id.org/fep/044f#QuoteRequest" }],
          id: `${lena.uri}/accepts/${++seq}`,
          type: "Accept",
          actor: lena.uri,
          object: requestId,
          result: `${lena.uri}/stamps/${seq}`,
        },
        `${H.url.replace(/\/$/, "")}/users/alice/inbox`,
        { from: "lena" },
      );
      expect(accept.status).toBe(202);
      await done();
      const after = await statusOnH(uriOfLocal(mine.id));
      expect(after.quote.state).toBe("accepted");
      expect(after.quote.quoted_status.uri).toBe(uri);
    },
    T,
  );

  test(
    "manualApproval for followers only: a non-follower may not quote (422), as Mastodon's policy denies",
    async () => {
      const lena = P.actors.lena!;
      const uri = await rawNote("<p>followers may ask</p>", {
        interactionPolicy: { canQuote: { automaticApproval: [lena.uri], manualApproval: [`${lena.uri}/followers`] } },
      });
      const quoted = await statusOnH(uri);
      expect(quoted.quote_approval).toEqual({ automatic: [], manual: ["followers"], current_user: "denied" });
      const r = await H.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "can I?", quoted_status_id: quoted.id } });
      expect(r.status).toBe(422);
    },
    T,
  );
});
