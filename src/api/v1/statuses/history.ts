/** GET /api/v1/statuses/:id/history: all versions of a status (StatusEdit), oldest first. */
import type { Req, Router } from "../../../http/route";
import { accountView } from "../../../db/views/accounts";
import { listMediaByIds } from "../../../db/queries/media-attachments";
import { listStatusEdits } from "../../../db/queries/status-edits";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { iso } from "../../../serializers/mastodon/time";
import { findVisibleStatus } from "../../../services/statuses/common";

interface Version {
  text: string;
  content: string;
  spoiler_text: string;
  sensitive: number;
  media_ids: string;
  created_at: number;
}

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id/history", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const ctx = q.ctx;
    const s = findVisibleStatus(ctx, q.params.id, q.auth?.accountId ?? null);
    let versions: Version[] = listStatusEdits(ctx.db, s.id);
    if (versions.length === 0) versions = [s];
    const ids = (v: Version): number[] => {
      try {
        return JSON.parse(v.media_ids);
      } catch {
        return [];
      }
    };
    const media = new Map(listMediaByIds(ctx.db, versions.flatMap(ids)).map((m) => [m.id, m]));
    const account = accountView(ctx, s.account_id);
    return versions.map((v) => ({
      content: v.content,
      spoiler_text: v.spoiler_text,
      sensitive: !!v.sensitive,
      created_at: iso(v.created_at),
      account,
      poll: null,
      media_attachments: ids(v)
        .map((id) => media.get(id))
        .filter((m) => !!m)
        .map((m) => toMastodonMedia(ctx, m!)),
      emojis: [],
    }));
  });
}
