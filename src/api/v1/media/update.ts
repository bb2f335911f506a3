/** PUT /api/v1/media/:id: description, focus and (audio/video) thumbnail of an unattached upload. */
import { file, str } from "../../../http/params";
import type { Router } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { updateMedia } from "../../../services/media/update";

export default function register(r: Router): void {
  r.put("/api/v1/media/:id", { scopes: ["write:media"] }, async (q) => {
    const row = await updateMedia(q.ctx, q.auth.accountId, q.params.id, {
      description: str(q.input, "description"),
      focus: str(q.input, "focus"),
      thumbnail: file(q.input, "thumbnail"),
    });
    if (row.processing === 1) q.set.status = 206;
    return toMastodonMedia(q.ctx, row);
  });
}
