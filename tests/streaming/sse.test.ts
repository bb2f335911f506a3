import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { makeUsers } from "./probe";

let s: TestServer;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob] = await makeUsers(s, ["alice", "bob"] as const);
  await alice.client.v1.accounts.$select(bob.id).follow();
  await s.drain();
}, 15000);
afterAll(() => s.stop());

/** Reads SSE frames from a response until `pred` matches one (or the timeout passes). */
async function readUntil(res: Response, pred: (f: { event?: string; data?: string; comment?: string }) => boolean, timeoutMs = 1500) {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = "";
  const seen: { event?: string; data?: string; comment?: string }[] = [];
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame; saw ${JSON.stringify(seen)}`);
      const r = await Promise.race([reader.read(), Bun.sleep(left).then(() => null)]);
      if (!r) continue;
      if (r.done) throw new Error("stream ended");
      buf += dec.decode(r.value, { stream: true });
      let i: number;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const f: { event?: string; data?: string; comment?: string } = {};
        for (const line of block.split("\n")) {
          if (line.startsWith(":")) f.comment = line.slice(1);
          else if (line.startsWith("event: ")) f.event = line.slice(7);
          else if (line.startsWith("data: ")) f.data = line.slice(6);
        }
        seen.push(f);
        if (pred(f)) return f;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe("SSE streams", () => {
  test("GET /api/v1/streaming/user receives an update", async () => {
    const res = await s.api("GET", "/api/v1/streaming/user", { token: alice.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("text/event-stream");
    const reading = readUntil(res, (f) => f.event === "update");
    await Bun.sleep(20);
    const posted = (await (await s.api("POST", "/api/v1/statuses", { token: bob.token, json: { status: "over sse" } })).json()) as {
      id: string;
    };
    const f = await reading;
    expect(JSON.parse(f.data!).id).toBe(posted.id);
  });

  test("public/local with ?stream on /api/v1/streaming and access_token also works", async () => {
    const res = await s.api("GET", `/api/v1/streaming?stream=public:local&access_token=${alice.token}`);
    expect(res.status).toBe(200);
    const reading = readUntil(res, (f) => f.event === "update");
    await Bun.sleep(20);
    const posted = (await (await s.api("POST", "/api/v1/statuses", { token: bob.token, json: { status: "local sse" } })).json()) as {
      id: string;
    };
    expect(JSON.parse((await reading).data!).id).toBe(posted.id);
  });

  test("the stream opens with a comment", async () => {
    const res = await s.api("GET", "/api/v1/streaming/public");
    expect(res.status).toBe(200);
    expect((await readUntil(res, (f) => f.comment !== undefined)).comment).toBe(")");
  });

  test("bad token → 401, no token on user → 401, missing tag → 400, wrong scope → 401", async () => {
    expect((await s.api("GET", "/api/v1/streaming/user", { token: "bogus" })).status).toBe(401);
    expect((await s.api("GET", "/api/v1/streaming/public", { token: "bogus" })).status).toBe(401);
    const noToken = await s.api("GET", "/api/v1/streaming/user");
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ error: "Missing access token" });
    expect((await s.api("GET", "/api/v1/streaming/hashtag", { token: alice.token })).status).toBe(400);
    const notifOnly = s.token(alice.user.id, ["read:statuses"]);
    expect((await s.api("GET", "/api/v1/streaming/user/notification", { token: notifOnly })).status).toBe(401);
  });
});
