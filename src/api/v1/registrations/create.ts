/** POST /api/v1/accounts: register an account with an app token (write:accounts). */
import type { Req } from "../../../http/route";
import { toMastodonToken } from "../../../oauth/token";
import { registerAccount } from "../../../services/registrations/register";

/** Handler: answers the new user's Token entity. */
export async function createAccount(q: Req): Promise<Record<string, unknown>> {
  const i = q.input;
  const t = await registerAccount(
    q.ctx,
    { username: i.username, email: i.email, password: i.password, agreement: i.agreement, locale: i.locale, reason: i.reason },
    { applicationId: q.auth!.applicationId, scopes: [...q.auth!.scopes], ip: q.ip },
  );
  return toMastodonToken(t);
}
