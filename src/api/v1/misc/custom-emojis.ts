/** GET /api/v1/custom_emojis: every local custom emoji, ordered by shortcode (public). */
import type { AppContext } from "../../../context";
import { listLocalCustomEmojis } from "../../../db/queries/custom-emojis";
import { serveDocument, type BuiltDocument } from "../../../http/cached-document";
import type { Req, Router } from "../../../http/route";
import { toMastodonEmoji } from "../../../serializers/mastodon/custom-emoji";

/** The list as JSON, kept until a local custom emoji changes. */
export function customEmojisDocument(ctx: AppContext): BuiltDocument {
  return {
    text: JSON.stringify(listLocalCustomEmojis(ctx.db).map((e) => toMastodonEmoji(ctx, e))),
    contentType: "application/json; charset=utf-8",
  };
}

export default function register(r: Router): void {
  r.get<Req>("/api/v1/custom_emojis", { auth: "none" }, (q) =>
    serveDocument(q.ctx, q.request, "custom_emojis", () => customEmojisDocument(q.ctx)),
  );
}
