/** Shared setup for the registration tests: an app and its client_credentials token. */
import type { TestServer } from "../../../rig";

/** Registers an app with `scopes` and returns a client_credentials token for it. */
export async function appToken(s: TestServer, scopes = "read write follow"): Promise<string> {
  const app = (await (
    await s.api("POST", "/api/v1/apps", { json: { client_name: "Signup", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes } })
  ).json()) as any;
  const t = await s.api("POST", "/oauth/token", {
    form: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: scopes },
  });
  return ((await t.json()) as any).access_token;
}

/** A valid sign-up body. */
export const signUp = (name: string, extra: Record<string, unknown> = {}) => ({
  username: name,
  email: `${name}@example.net`,
  password: "correct horse battery",
  agreement: true,
  locale: "en",
  ...extra,
});
