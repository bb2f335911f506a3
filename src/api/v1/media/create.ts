/** POST /api/v1/media (deprecated): upload an attachment, always processed inline. POST /api/v2/media is in src/api/v2/media/. */
import type { Router } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { createMedia } from "../../../services/media/create";
import { readMediaUpload, UPLOAD_OPTS } from "./params";

export default function register(r: Router): void {
  r.post("/api/v1/media", UPLOAD_OPTS, async (q) => {
    const row = await createMedia(q.ctx, q.auth.accountId, readMediaUpload(q), { sync: true });
    return toMastodonMedia(q.ctx, row);
  });
}
