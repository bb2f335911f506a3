/**
 * /auth/two_factor: GET shows setup (or the "on" state), POST confirms setup with a code and
 * shows the recovery codes once; POST /auth/two_factor/disable and /auth/two_factor/recovery_codes.
 */
import { ApiError } from "../../model/errors";
import { loginAttempt } from "../../http/rate-limit";
import type { Req, Router } from "../../http/route";
import { otpauthUri } from "../../services/security/totp";
import {
  beginTwoFactorSetup,
  disableTwoFactor,
  enableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorState,
} from "../../services/security/two-factor";
import { redirectResponse } from "../layout";
import { securityPage } from "./chrome";
import { field, withSession, type PageSession } from "./guard";
import { enabledBody, recoveryCodesBody, setupBody } from "./two-factor-page";

const PATH = "/auth/two_factor";
const HEADING = "Two-factor authentication";
const NOTICES: Record<string, string> = { disabled: "Two-factor authentication is now off." };

function page(q: Req, body: string, status = 200): Response {
  return securityPage({ site: q.ctx.config.instanceTitle, path: PATH, heading: HEADING, body, status });
}

function show(q: Req, s: PageSession, status = 200, error?: string): Response {
  const notice = status === 200 ? NOTICES[field(q, "notice")] : undefined;
  const st = twoFactorState(q.ctx, s.userId);
  if (st.enabledAt)
    return page(q, enabledBody({ csrf: s.csrfToken, since: st.enabledAt, codesLeft: st.recoveryCodesLeft, notice, error }), status);
  const secret = beginTwoFactorSetup(q.ctx, s.userId);
  const domain = q.ctx.config.localDomain;
  const uri = otpauthUri({ issuer: domain, account: `${s.username}@${domain}`, secret });
  return page(q, setupBody({ csrf: s.csrfToken, secret, uri, notice, error }), status);
}

/** Runs a form action; an ApiError re-renders the page with its message. */
async function act(q: Req, s: PageSession, fn: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ApiError) return show(q, s, e.status, e.message);
    throw e;
  }
}

/**
 * Registers the two-factor pages; `r` supplies the rate limiter: code and password guesses count
 * per IP ("login") and, wrong ones only, per account ("loginAccount").
 */
export function registerTwoFactor(r: Router): void {
  const attempt = (q: Req, s: PageSession) => loginAttempt(r.limiter, q.ctx.config.rateLimits, q.ip, `u${s.userId}`);
  const TOO_MANY = "Too many attempts. Please wait a few minutes and try again.";

  r.get<Req>(
    PATH,
    { auth: "none" },
    withSession(PATH, (q, s) => show(q, s)),
  );

  r.post<Req>(
    PATH,
    { auth: "none" },
    withSession(PATH, (q, s) =>
      act(q, s, async () => {
        const limit = attempt(q, s);
        if (!limit.allowed) return show(q, s, 429, TOO_MANY);
        const codes = await enableTwoFactor(q.ctx, s.userId, field(q, "password"), field(q, "code"));
        limit.succeeded();
        return page(q, recoveryCodesBody({ codes, justEnabled: true }));
      }),
    ),
  );

  r.post<Req>(
    `${PATH}/disable`,
    { auth: "none" },
    withSession(PATH, (q, s) =>
      act(q, s, async () => {
        const limit = attempt(q, s);
        if (!limit.allowed) return show(q, s, 429, TOO_MANY);
        await disableTwoFactor(q.ctx, s.userId, field(q, "password"), field(q, "code"));
        limit.succeeded();
        return redirectResponse(`${PATH}?notice=disabled`, 303);
      }),
    ),
  );

  r.post<Req>(
    `${PATH}/recovery_codes`,
    { auth: "none" },
    withSession(PATH, (q, s) =>
      act(q, s, () => {
        const limit = attempt(q, s);
        if (!limit.allowed) return show(q, s, 429, TOO_MANY);
        const codes = regenerateRecoveryCodes(q.ctx, s.userId, field(q, "code"));
        limit.succeeded();
        return page(q, recoveryCodesBody({ codes, justEnabled: false }));
      }),
    ),
  );
}
