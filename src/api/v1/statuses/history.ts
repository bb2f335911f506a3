/** GET /api/v1/statuses/:id/history: all versions of a status (StatusEdit), oldest first. */
import type { Req, Router } from "../../../http/route";
import type { MediaRow } from "../../../db/rows";
import { accountView } from "../../../db/views/accounts";
import { selectIn } from "../../../db/sql";
import { toMastodonMedia } from "../../../serializers/mastodon/media";
import { iso } from "../../../serializers/mastodon/time";
import { findVisibleStatus } from "../../../services/statuses/common";

interface Version { text: string; content: string; spoiler_text: string; sensitive: number; media_ids: string; created_at: number }

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id/history", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const ctx = q.ctx;
    const s = findVisibleStatus(ctx, q.params.id, q.auth?.accountId ?? null);
    let versions = ctx.db.query<Version, [number]>("SELECT * FROM status_edits WHERE status_id = ? ORDER BY id").all(s.id);
    if (versions.length === 0) versions = [s];
    const ids = (v: Version): number[] => { try { return JSON.parse(v.media_ids); } catch { return []; } };
    const media = new Map(selectIn<MediaRow>(ctx.db, (ph) => `SELECT * FROM media_attachments WHERE id IN (${ph})`, versions.flatMap(ids)).map((m) => [m.id, m]));
    const account = accountView(ctx, s.account_id);
    return versions.map((v) => ({
      content: v.content,
      spoiler_text: v.spoiler_text,
      sensitive: !!v.sensitive,
      created_at: iso(v.created_at),
      account,
      poll: null,
      media_attachments: ids(v).map((id) => media.get(id)).filter((m) => !!m).map((m) => toMastodonMedia(ctx, m!)),
      emojis: [],
    }));
  });
}
