/** GET /api/v1/media/:id: 206 while processing, 200 when done, 422 when processing failed. */
import { validation } from "../../../model/errors";
import type { Router } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { findOwnUnattachedMedia } from "../../../services/media/find";

export default function register(r: Router): void {
  r.get("/api/v1/media/:id", { scopes: ["write:media"] }, (q) => {
    const row = findOwnUnattachedMedia(q.ctx, q.auth.accountId, q.params.id);
    if (row.processing === 2) throw validation("File could not be processed");
    if (row.processing === 1) q.set.status = 206;
    return toMastodonMedia(q.ctx, row);
  });
}
