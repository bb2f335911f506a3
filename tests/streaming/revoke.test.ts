/** Revoking a token closes the streams opened with it. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { WsProbe } from "./probe";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 30000);
afterAll(() => s.stop());

test("POST /oauth/revoke closes the token's WebSocket", async () => {
  const app = await (
    await s.api("POST", "/api/v1/apps", { json: { client_name: "t", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" } })
  ).json();
  const u = await s.createUser("rita");
  const tok = await (
    await s.api("POST", "/oauth/token", {
      form: {
        grant_type: "password",
        client_id: app.client_id,
        client_secret: app.client_secret,
        username: "rita@example.com",
        password: u.password,
        scope: "read",
      },
    })
  ).json();
  expect(tok.access_token).toBeString();
  const probe = await WsProbe.open(`ws://${s.domain}/api/v1/streaming?stream=user&access_token=${tok.access_token}`);
  const closed = new Promise<void>((resolve) => probe.ws.addEventListener("close", () => resolve(), { once: true }));
  const res = await s.api("POST", "/oauth/revoke", {
    form: { client_id: app.client_id, client_secret: app.client_secret, token: tok.access_token },
  });
  expect(res.status).toBe(200);
  const outcome = await Promise.race([closed.then(() => "closed"), Bun.sleep(3000).then(() => "still open")]);
  expect(outcome).toBe("closed");
});
