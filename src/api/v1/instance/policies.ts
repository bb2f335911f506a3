/**
 * GET /api/v1/instance/privacy_policy ({updated_at, content}) and /api/v1/instance/terms_of_service
 * (+ /:date) ({effective_date, effective, content, succeeded_by}): Markdown rendered to HTML, 404 when unset (public).
 */
import type { Req, Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { dateOnly, iso } from "../../../serializers/mastodon/time";
import { readInstanceSettings } from "../../../services/instance/settings";
import { markdownToHtml } from "../../../text/markdown";

function terms(q: Req, date?: string): Record<string, unknown> {
  const s = readInstanceSettings(q.ctx);
  if (!s.termsOfService.trim()) throw notFound();
  const effective = s.termsOfServiceEffectiveDate ?? dateOnly(s.termsOfServiceUpdatedAt ?? q.ctx.now());
  // Hearth keeps one version: a date other than its effective date is not found.
  if (date !== undefined && date !== effective) throw notFound();
  return {
    effective_date: effective,
    effective: effective <= dateOnly(q.ctx.now()),
    content: markdownToHtml(s.termsOfService),
    succeeded_by: null,
  };
}

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance/privacy_policy", { auth: "none" }, (q) => {
    const s = readInstanceSettings(q.ctx);
    if (!s.privacyPolicy.trim()) throw notFound();
    return { updated_at: iso(s.privacyPolicyUpdatedAt ?? q.ctx.now()), content: markdownToHtml(s.privacyPolicy) };
  });
  r.get<Req>("/api/v1/instance/terms_of_service", { auth: "none" }, (q) => terms(q));
  r.get<Req>("/api/v1/instance/terms_of_service/:date", { auth: "none" }, (q) => terms(q, q.params.date));
}
