/**
 * GET /auth/security and its forms: POST /auth/security/password, /auth/security/email,
 * /auth/security/digest and /auth/security/sessions/revoke.
 */
import { ApiError } from "../../model/errors";
import { loginAttempt } from "../../http/rate-limit";
import type { Req, Router } from "../../http/route";
import { changePassword } from "../../services/security/passwords";
import { setDigestEmails } from "../../services/mail/digests";
import { emailSettings, requestEmailChange } from "../../services/mail/email-change";
import { listBrowserSessions, revokeBrowserSession } from "../../services/security/sessions";
import { twoFactorState } from "../../services/security/two-factor";
import { redirectResponse } from "../layout";
import { securityPage } from "./chrome";
import { field, withSession, type PageSession } from "./guard";
import { overviewBody } from "./overview-page";

const PATH = "/auth/security";
const NOTICES: Record<string, string> = {
  password: "Your password was changed. Your other browser sessions were logged out.",
  session: "The session was logged out.",
  email_pending: "We sent a link to your new e-mail address. Your address changes when you follow it.",
  email_changed: "Your e-mail address was changed.",
  digest: "Your notification digest setting was saved.",
};

function show(q: Req, s: PageSession, status = 200, error?: string): Response {
  const notice = NOTICES[field(q, "notice")];
  const body = overviewBody({
    csrf: s.csrfToken,
    twoFactorSince: twoFactorState(q.ctx, s.userId).enabledAt,
    sessions: listBrowserSessions(q.ctx, s.userId, s.cookie),
    email: emailSettings(q.ctx, s.userId),
    notice: status === 200 ? notice : undefined,
    error,
  });
  return securityPage({ site: q.ctx.config.instanceTitle, path: PATH, heading: "Account security", body, status });
}

/**
 * Registers the overview page and its two forms; `r` supplies the rate limiter: current-password
 * guesses count per IP ("login") and, wrong ones only, per account ("loginAccount").
 */
export function registerOverview(r: Router): void {
  r.get<Req>(
    PATH,
    { auth: "none" },
    withSession(PATH, (q, s) => show(q, s)),
  );

  r.post<Req>(
    `${PATH}/password`,
    { auth: "none" },
    withSession(PATH, async (q, s) => {
      const limit = loginAttempt(r.limiter, q.ctx.config.rateLimits, q.ip, `u${s.userId}`);
      if (!limit.allowed) return show(q, s, 429, "Too many attempts. Please wait a few minutes and try again.");
      try {
        await changePassword(q.ctx, {
          userId: s.userId,
          current: field(q, "current_password"),
          password: field(q, "password"),
          confirmation: field(q, "password_confirmation"),
          keepSession: s.cookie,
        });
        limit.succeeded();
      } catch (e) {
        if (e instanceof ApiError) return show(q, s, e.status, e.message);
        throw e;
      }
      return redirectResponse(`${PATH}?notice=password`, 303);
    }),
  );

  r.post<Req>(
    `${PATH}/email`,
    { auth: "none" },
    withSession(PATH, async (q, s) => {
      const limit = loginAttempt(r.limiter, q.ctx.config.rateLimits, q.ip, `u${s.userId}`);
      if (!limit.allowed) return show(q, s, 429, "Too many attempts. Please wait a few minutes and try again.");
      let outcome: "pending" | "changed";
      try {
        outcome = await requestEmailChange(q.ctx, {
          userId: s.userId,
          email: field(q, "email"),
          currentPassword: field(q, "current_password"),
        });
        limit.succeeded();
      } catch (e) {
        if (e instanceof ApiError) return show(q, s, e.status, e.message);
        throw e;
      }
      return redirectResponse(`${PATH}?notice=email_${outcome}`, 303);
    }),
  );

  r.post<Req>(
    `${PATH}/digest`,
    { auth: "none" },
    withSession(PATH, (q, s) => {
      setDigestEmails(q.ctx, s.userId, field(q, "digest") === "1");
      return redirectResponse(`${PATH}?notice=digest`, 303);
    }),
  );

  r.post<Req>(
    `${PATH}/sessions/revoke`,
    { auth: "none" },
    withSession(PATH, (q, s) => {
      try {
        revokeBrowserSession(q.ctx, s.userId, field(q, "id"));
      } catch (e) {
        if (e instanceof ApiError) return show(q, s, e.status, "That session is not one of yours, or it was already logged out.");
        throw e;
      }
      return redirectResponse(`${PATH}?notice=session`, 303);
    }),
  );
}
