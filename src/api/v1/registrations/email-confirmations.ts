/**
 * POST /api/v1/emails/confirmations (resend the confirmation mail, optionally to a corrected
 * address) and GET /api/v1/emails/check_confirmation (whether the address is confirmed). Both
 * take the token of a user who may not be confirmed yet, which the usual token check refuses.
 */
import { tokenFromRequest } from "../../../http/auth";
import type { Req, Router } from "../../../http/route";
import { checkConfirmation, resendConfirmation } from "../../../services/mail/confirmations";

export default function register(r: Router): void {
  r.post<Req>("/api/v1/emails/confirmations", { auth: "none", limit: "emailConfirmations" }, (q) => {
    resendConfirmation(q.ctx, tokenFromRequest(q.request, q.url.searchParams), q.input.email);
    return {};
  });
  r.get<Req>("/api/v1/emails/check_confirmation", { auth: "none" }, (q) =>
    checkConfirmation(q.ctx, tokenFromRequest(q.request, q.url.searchParams)),
  );
}
