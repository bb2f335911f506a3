/**
 * POST /api/v2/media: 200 with the attachment when processed inline, 202 with `url: null`
 * while a job finishes the original.
 */
import type { Router } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { createMedia } from "../../../services/media/create";
import { readMediaUpload, UPLOAD_OPTS } from "../../v1/media/params";

export default function register(r: Router): void {
  r.post("/api/v2/media", UPLOAD_OPTS, async (q) => {
    const row = await createMedia(q.ctx, q.auth.accountId, readMediaUpload(q), { sync: false });
    if (row.processing !== 0) q.set.status = 202;
    return toMastodonMedia(q.ctx, row);
  });
}
