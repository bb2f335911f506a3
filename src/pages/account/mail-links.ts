/**
 * The pages mail leads to or starts from: "Forgot your password?" (GET /auth/password/new, POST
 * /auth/password), the page behind a reset link (GET/POST /auth/password/edit), the confirmation
 * link (GET /auth/confirmation) and "resend the confirmation" (GET /auth/confirmation/new, POST
 * /auth/confirmation), at Mastodon's paths. Forms carry the login CSRF token bound to a cookie.
 */
import { ApiError } from "../../model/errors";
import { readCookies } from "../../http/cookies";
import type { Req, Router } from "../../http/route";
import { confirmEmail, resendConfirmationByEmail } from "../../services/mail/confirmations";
import { RESET_LINK_INVALID, requestPasswordReset, resetLinkValid, resetPasswordWithToken } from "../../services/mail/password-resets";
import { mailEnabled } from "../../services/mail/queue";
import { htmlResponse } from "../layout";
import { csrfRejected, field } from "./guard";
import { checkLoginCsrf, CSRF_COOKIE, loginCsrf } from "./login-flow";
import { forgotPasswordPage, mailSentPage, messagePage, newPasswordPage, resendConfirmationPage } from "./mail-pages";

const site = (q: Req) => q.ctx.config.instanceTitle;
const SIGN_IN: [string, string] = ["/auth/sign_in", "Log in"];
const ASK_AGAIN: [string, string] = ["/auth/password/new", "Ask for a new link"];

function showNewPassword(q: Req, token: string, status = 200, error?: string): Response {
  const { token: csrf, setCookie } = loginCsrf(q);
  return htmlResponse(
    newPasswordPage({ site: site(q), fields: { reset_password_token: token, authenticity_token: csrf }, error }),
    status,
    setCookie,
  );
}

/** Registers the routes; mail-sending POSTs count toward Mastodon's per-IP limits. */
export function registerMailLinks(r: Router): void {
  r.get<Req>("/auth/password/new", { auth: "none" }, (q) => {
    const { token, setCookie } = loginCsrf(q);
    return htmlResponse(
      forgotPasswordPage({ site: site(q), fields: { authenticity_token: token }, mail: mailEnabled(q.ctx) }),
      200,
      setCookie,
    );
  });

  r.post<Req>("/auth/password", { auth: "none", limit: "passwordResets" }, (q) => {
    if (!checkLoginCsrf(q, readCookies(q.request)[CSRF_COOKIE])) return csrfRejected(q);
    requestPasswordReset(q.ctx, field(q, "email"));
    return htmlResponse(mailSentPage({ site: site(q), what: "reset" }));
  });

  r.get<Req>("/auth/password/edit", { auth: "none" }, (q) => {
    const token = field(q, "reset_password_token");
    if (!resetLinkValid(q.ctx, token))
      return htmlResponse(messagePage({ site: site(q), heading: "Change your password", error: RESET_LINK_INVALID, link: ASK_AGAIN }), 404);
    return showNewPassword(q, token);
  });

  r.post<Req>("/auth/password/edit", { auth: "none", limit: "passwordResets" }, async (q) => {
    if (!checkLoginCsrf(q, readCookies(q.request)[CSRF_COOKIE])) return csrfRejected(q);
    const token = field(q, "reset_password_token");
    try {
      await resetPasswordWithToken(q.ctx, { token, password: field(q, "password"), confirmation: field(q, "password_confirmation") });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.message === RESET_LINK_INVALID)
        return htmlResponse(messagePage({ site: site(q), heading: "Change your password", error: e.message, link: ASK_AGAIN }), 422);
      return showNewPassword(q, token, e.status, e.message);
    }
    const notice = "Your password has been changed. You were logged out of every app and browser; log in again with the new password.";
    return htmlResponse(messagePage({ site: site(q), heading: "Password changed", notice, link: SIGN_IN }));
  });

  r.get<Req>("/auth/confirmation", { auth: "none" }, (q) => {
    const res = confirmEmail(q.ctx, field(q, "confirmation_token"));
    const heading = "E-mail confirmation";
    switch (res.kind) {
      case "confirmed":
        return htmlResponse(
          messagePage({
            site: site(q),
            heading,
            notice: "Your e-mail address has been successfully confirmed. You can now log in.",
            link: ["/", "Open Hearth"],
          }),
        );
      case "changed":
        return htmlResponse(
          messagePage({
            site: site(q),
            heading,
            notice: `Your e-mail address is now ${res.email}.`,
            link: ["/auth/security", "Account security"],
          }),
        );
      case "taken":
        return htmlResponse(
          messagePage({ site: site(q), heading, error: "That e-mail address is already in use by another account.", link: SIGN_IN }),
          422,
        );
      default:
        return htmlResponse(
          messagePage({
            site: site(q),
            heading,
            error: "This confirmation link is invalid, already used or expired.",
            link: ["/auth/confirmation/new", "Send a new link"],
          }),
          404,
        );
    }
  });

  r.get<Req>("/auth/confirmation/new", { auth: "none" }, (q) => {
    const { token, setCookie } = loginCsrf(q);
    return htmlResponse(resendConfirmationPage({ site: site(q), fields: { authenticity_token: token } }), 200, setCookie);
  });

  r.post<Req>("/auth/confirmation", { auth: "none", limit: "emailConfirmations" }, (q) => {
    if (!checkLoginCsrf(q, readCookies(q.request)[CSRF_COOKIE])) return csrfRejected(q);
    resendConfirmationByEmail(q.ctx, field(q, "email"));
    return htmlResponse(mailSentPage({ site: site(q), what: "confirmation" }));
  });
}
