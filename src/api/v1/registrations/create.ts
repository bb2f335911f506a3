/** POST /api/v1/accounts: register an account with an app token (write:accounts) → the new user's Token. */
import type { Req, Router } from "../../../http/route";
import { toMastodonToken } from "../../../oauth/token";
import { registerAccount } from "../../../services/registrations/register";

export default function register(r: Router): void {
  r.post<Req>("/api/v1/accounts", { auth: "app", scopes: ["write:accounts"], limit: "signUp" }, async (q) => {
    const i = q.input;
    const t = await registerAccount(
      q.ctx,
      { username: i.username, email: i.email, password: i.password, agreement: i.agreement, locale: i.locale, reason: i.reason },
      { applicationId: q.auth!.applicationId, scopes: [...q.auth!.scopes], ip: q.ip },
    );
    return toMastodonToken(t);
  });
}
