/**
 * POST /api/v2/media: 200 with the attachment when processed inline, 202 with `url: null`
 * while a job finishes the original. POST /api/v1/media (deprecated): always processed inline.
 */
import { file, str } from "../../../http/params";
import type { Router, UserReq } from "../../../http/route";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { createMedia } from "../../../services/media/create";

const OPTS = { scopes: ["write:media"], limit: "media" as const };

function input(r: UserReq) {
  return {
    file: file(r.input, "file"),
    thumbnail: file(r.input, "thumbnail"),
    description: str(r.input, "description"),
    focus: str(r.input, "focus"),
  };
}

export default function register(r: Router): void {
  r.post("/api/v2/media", OPTS, async (req: UserReq) => {
    const row = await createMedia(req.ctx, req.auth.accountId, input(req), { sync: false });
    if (row.processing !== 0) req.set.status = 202;
    return toMastodonMedia(req.ctx, row);
  });
  r.post("/api/v1/media", OPTS, async (req: UserReq) => {
    const row = await createMedia(req.ctx, req.auth.accountId, input(req), { sync: true });
    return toMastodonMedia(req.ctx, row);
  });
}
