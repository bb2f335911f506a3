/** GET /api/v1/media/:id: 206 while processing, 200 when done, 422 when processing failed. */
import { validation } from "../../../model/errors";
import type { Router, UserReq } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { findOwnUnattachedMedia } from "../../../services/media/find";

export default function register(r: Router): void {
  r.get("/api/v1/media/:id", { scopes: ["write:media"] }, (req: UserReq) => {
    const row = findOwnUnattachedMedia(req.ctx, req.auth.accountId, req.params.id);
    if (row.processing === 2) throw validation("File could not be processed");
    if (row.processing === 1) req.set.status = 206;
    return toMastodonMedia(req.ctx, row);
  });
}
