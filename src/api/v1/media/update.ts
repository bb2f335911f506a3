/** PUT /api/v1/media/:id: description, focus and (audio/video) thumbnail of an unattached upload. */
import { file, str } from "../../../http/params";
import type { Router, UserReq } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { updateMedia } from "../../../services/media/update";

export default function register(r: Router): void {
  r.put("/api/v1/media/:id", { scopes: ["write:media"] }, async (req: UserReq) => {
    const row = await updateMedia(req.ctx, req.auth.accountId, req.params.id, {
      description: str(req.input, "description"),
      focus: str(req.input, "focus"),
      thumbnail: file(req.input, "thumbnail"),
    });
    if (row.processing === 1) req.set.status = 206;
    return toMastodonMedia(req.ctx, row);
  });
}
