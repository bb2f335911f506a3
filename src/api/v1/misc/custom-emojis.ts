/** GET /api/v1/custom_emojis: every local custom emoji, ordered by shortcode (public). */
import type { Req, Router } from "../../../http/route";
import { listLocalCustomEmojis } from "../../../db/queries/custom-emojis";
import { toMastodonEmoji } from "../../../serializers/mastodon/custom-emoji";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/custom_emojis", { auth: "none" }, (q) => listLocalCustomEmojis(q.ctx.db).map((e) => toMastodonEmoji(q.ctx, e)));
}
