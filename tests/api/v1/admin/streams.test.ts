/**
 * Moderation ends live connections: disabling or suspending a user closes their open streams
 * (WebSocket and SSE) at once, and a new stream is refused; silencing leaves streams open.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers, WsProbe } from "../../../streaming/probe";
import { call, staffUser } from "./helpers";

let s: TestServer;
let mod: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  mod = await staffUser(s, "mod", "moderator");
  [alice, bob, carol] = await makeUsers(s, ["alice", "bob", "carol"] as const);
}, 30_000);
afterAll(() => s.stop());

const act = (id: string, json: Record<string, unknown>) => call(s, "POST", `/api/v1/admin/accounts/${id}/action`, mod.token, json);
const wsUrl = (token: string) => `ws://${s.domain}/api/v1/streaming?stream=user&access_token=${token}`;

/** Resolves "closed" when the socket closes within `ms`, else "still open". */
function closedWithin(p: WsProbe, ms = 3000): Promise<string> {
  const closed = new Promise<string>((resolve) => {
    if (p.ws.readyState === WebSocket.CLOSED) resolve("closed");
    p.ws.addEventListener("close", () => resolve("closed"), { once: true });
  });
  return Promise.race([closed, Bun.sleep(ms).then(() => "still open")]);
}

/** Resolves "ended" when the SSE body ends within `ms`, else "still open". */
async function sseEndedWithin(res: Response, ms = 3000): Promise<string> {
  const reader = res.body!.getReader();
  const deadline = Date.now() + ms;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return "still open";
      const r = await Promise.race([reader.read(), Bun.sleep(left).then(() => null)]);
      if (r?.done) return "ended";
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe("streams of moderated users", () => {
  test("silence keeps the stream open: the warning arrives live, and later notifications too", async () => {
    const probe = await WsProbe.open(wsUrl(carol.token));
    expect((await act(carol.id, { type: "silence", text: "calm down" })).status).toBe(200);
    const warned = JSON.parse((await probe.next((x) => x.event === "notification", 3000)).payload!);
    expect(warned).toMatchObject({ type: "moderation_warning", moderation_warning: { action: "silence", text: "calm down" } });
    await bob.client.v1.accounts.$select(carol.id).follow();
    const m = await probe.next((x) => x.event === "notification", 3000);
    expect(JSON.parse(m.payload!).type).toBe("follow");
    expect(probe.ws.readyState).toBe(WebSocket.OPEN);
    probe.close();
  });

  test("disable closes every open WebSocket of the user (all tokens); reconnecting is refused with 403", async () => {
    const second = s.token(alice.user.id, ["read"]);
    const [a, b] = await Promise.all([WsProbe.open(wsUrl(alice.token)), WsProbe.open(wsUrl(second))]);
    const other = await WsProbe.open(wsUrl(bob.token));
    const closing = Promise.all([closedWithin(a), closedWithin(b)]);
    expect((await act(alice.id, { type: "disable", text: "cool down" })).status).toBe(200);
    expect(await closing).toEqual(["closed", "closed"]);
    // someone else's stream is untouched
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
    other.close();
    const again = await call(s, "GET", "/api/v1/streaming/user", alice.token);
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ error: "Your login is currently disabled" });
    // the tokens are kept (Mastodon): enabling makes them work again
    await mod.client.v1.admin.accounts.$select(alice.id).enable();
    const back = await WsProbe.open(wsUrl(alice.token));
    expect(back.ws.readyState).toBe(WebSocket.OPEN);
    back.close();
  });

  test("suspend closes an open SSE stream; a new one is refused", async () => {
    const res = await s.api("GET", "/api/v1/streaming/user", { token: bob.token });
    expect(res.status).toBe(200);
    const ended = sseEndedWithin(res);
    await Bun.sleep(20);
    expect((await act(bob.id, { type: "suspend" })).status).toBe(200);
    expect(await ended).toBe("ended");
    expect((await call(s, "GET", "/api/v1/streaming/user", bob.token)).status).toBe(403);
  });

  test("a refused action closes nothing", async () => {
    const probe = await WsProbe.open(wsUrl(carol.token));
    const before = s.count("jobs", "kind = 'stream.close_tokens'");
    expect((await act(carol.id, { type: "explode" })).status).toBe(422);
    expect((await call(s, "POST", `/api/v1/admin/accounts/${carol.id}/action`, carol.token, { type: "disable" })).status).toBe(403);
    expect((await act(mod.id, { type: "disable" })).status).toBe(403);
    expect(await closedWithin(probe, 300)).toBe("still open");
    expect(s.count("jobs", "kind = 'stream.close_tokens'")).toBe(before);
    probe.close();
  });
});
