/** DELETE /api/v1/media/:id (Mastodon 4.4): removes an unattached upload; answers an empty object. */
import type { Router } from "../../../http/route";
import { destroyMedia } from "../../../services/media/destroy";

export default function register(r: Router): void {
  r.delete("/api/v1/media/:id", { scopes: ["write:media"] }, async (q) => {
    await destroyMedia(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
