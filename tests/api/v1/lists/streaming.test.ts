import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers, payloadOf, WsProbe } from "../../../streaming/probe";

let s: TestServer;
let owner: TestUser, bob: TestUser, carol: TestUser, other: TestUser;
let wsUrl: string;
let listId: string;

beforeAll(async () => {
  s = await startTestServer();
  wsUrl = s.url.replace(/^http/, "ws");
  [owner, bob, carol, other] = await makeUsers(s, ["lsowner", "lsbob", "lscarol", "lsother"] as const);
  for (const u of [bob, carol]) await owner.client.v1.accounts.$select(u.id).follow();
  const l = await s.api("POST", "/api/v1/lists", { token: owner.token, json: { title: "Live", replies_policy: "none" } });
  listId = (await l.json()).id;
  await owner.client.v1.lists.$select(listId).accounts.create({ accountIds: [bob.id] });
  await s.drain();
}, 15000);
afterAll(() => s.stop());

async function post(u: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.api("POST", "/api/v1/statuses", { token: u.token, json: { status, ...extra } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: string }).id;
}

/** A socket of `token` subscribed to `msg`, after a round trip proving the subscription was handled. */
async function subscribed(token: string, msg: Record<string, unknown>): Promise<WsProbe> {
  const p = await WsProbe.open(`${wsUrl}/api/v1/streaming`, [token]);
  p.send(msg);
  p.send({ type: "subscribe", stream: "nope" });
  await p.next((m) => m.error === "Unknown stream type");
  return p;
}

describe("list stream over WebSocket", () => {
  test("members' new posts, edits and deletes arrive; non-members' posts and filtered replies do not", async () => {
    const p = await subscribed(owner.token, { type: "subscribe", stream: "list", list: listId });
    await post(carol, "carol is followed but not a member");
    const root = await post(carol, "a root to reply to");
    await post(bob, "@lscarol a reply the policy hides", { in_reply_to_id: root });
    const id = await post(bob, "bob on the list");
    const m = await p.next((x) => x.event === "update");
    expect(m.stream).toEqual(["list", listId]);
    expect(payloadOf(m).id).toBe(id);
    expect(payloadOf(m).account.id).toBe(bob.id);
    expect(payloadOf(m).favourited).toBe(false);
    const edited = await s.api("PUT", `/api/v1/statuses/${id}`, { token: bob.token, json: { status: "bob on the list (edited)" } });
    expect(edited.status).toBe(200);
    const e = await p.next((x) => x.event === "status.update");
    expect(payloadOf(e).content).toContain("edited");
    expect((await s.api("DELETE", `/api/v1/statuses/${id}`, { token: bob.token })).status).toBe(200);
    const d = await p.next((x) => x.event === "delete");
    expect(d).toEqual({ stream: ["list", listId], event: "delete", payload: id });
    expect(p.messages.filter((x) => x.event === "update").length).toBe(1);
    p.close();
  });

  test("a muted member's posts are not streamed", async () => {
    await owner.client.v1.accounts.$select(bob.id).mute();
    const p = await subscribed(owner.token, { type: "subscribe", stream: "list", list: listId });
    await post(bob, "muted");
    await owner.client.v1.accounts.$select(bob.id).unmute();
    const id = await post(bob, "unmuted");
    expect(payloadOf(await p.next((x) => x.event === "update")).id).toBe(id);
    p.close();
  });

  test("only your own list: someone else's or unknown list → 404, missing list → 400", async () => {
    const p = await WsProbe.open(`${wsUrl}/api/v1/streaming`, [other.token]);
    p.send({ type: "subscribe", stream: "list", list: listId });
    expect(await p.next()).toEqual({ error: "List not found", status: 404 });
    p.send({ type: "subscribe", stream: "list", list: "99999999" });
    expect(await p.next()).toEqual({ error: "List not found", status: 404 });
    p.send({ type: "subscribe", stream: "list" });
    expect(await p.next()).toEqual({ error: "No list for stream provided", status: 400 });
    p.close();
    await expect(WsProbe.open(`${wsUrl}/api/v1/streaming?stream=list&list=${listId}`, [other.token])).rejects.toThrow(/404/);
    await expect(WsProbe.open(`${wsUrl}/api/v1/streaming?stream=list&list=${listId}`)).rejects.toThrow(/401/);
    // the ?stream= form works for the owner
    const q = await WsProbe.open(`${wsUrl}/api/v1/streaming?stream=list&list=${listId}`, [owner.token]);
    const id = await post(bob, "via query");
    expect(payloadOf(await q.next((x) => x.event === "update")).id).toBe(id);
    q.close();
  });
});

describe("list stream over SSE", () => {
  test("GET /api/v1/streaming/list?list= receives members' posts; other users get 404", async () => {
    const denied = await s.api("GET", `/api/v1/streaming/list?list=${listId}`, { token: other.token });
    expect(denied.status).toBe(404);
    expect(await denied.json()).toEqual({ error: "List not found" });
    const res = await s.api("GET", `/api/v1/streaming/list?list=${listId}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("text/event-stream");
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = "";
    await reader.read(); // the ":)" greeting: the subscription is registered
    const id = await post(bob, "over sse");
    const deadline = Date.now() + 1500;
    while (!buf.includes("event: update") && Date.now() < deadline) {
      const r = await Promise.race([reader.read(), Bun.sleep(deadline - Date.now()).then(() => null)]);
      if (!r || r.done) break;
      buf += dec.decode(r.value, { stream: true });
    }
    await reader.cancel().catch(() => {});
    const frame = buf.split("\n\n").find((f) => f.startsWith("event: update"))!;
    expect(frame).toBeDefined();
    expect(JSON.parse(frame.split("\ndata: ")[1]!).id).toBe(id);
  });
});
