/**
 * POST /api/v1/statuses/:id/translate: Hearth has no translation service, so the answer is the
 * 404 Mastodon's TranslationsController gives when none is configured (after the same checks:
 * read:statuses, and a status the viewer may not see is a 404 too).
 */
import type { Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { findVisibleStatus } from "../../../services/statuses/common";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/translate", { scopes: ["read:statuses"] }, (q) => {
    findVisibleStatus(q.ctx, q.params.id, q.auth.accountId);
    throw notFound();
  });
}
