/** Loads scheduled statuses with their attachments in two queries, serialized for the API. */
import type { AppContext } from "../../context";
import type { MediaRow } from "../rows";
import { selectIn } from "../sql";
import { toMastodonScheduledStatus, type ScheduledStatusRow } from "../../serializers/mastodon/scheduled-status";

/** Serialized ScheduledStatuses for rows (in the given order), with media in params order. */
export function scheduledStatusViews(ctx: AppContext, rows: ScheduledStatusRow[]): Record<string, unknown>[] {
  const media = selectIn<MediaRow & { scheduled_status_id: number }>(
    ctx.db,
    (ph) => `SELECT * FROM media_attachments WHERE status_id IS NULL AND scheduled_status_id IN (${ph})`,
    rows.map((r) => r.id),
  );
  const byOwner = new Map<number, MediaRow[]>();
  for (const m of media) {
    const l = byOwner.get(m.scheduled_status_id);
    if (l) l.push(m);
    else byOwner.set(m.scheduled_status_id, [m]);
  }
  return rows.map((r) => {
    let order: string[] = [];
    try {
      order = JSON.parse(r.params)?.media_ids ?? [];
    } catch {
      /* unordered */
    }
    const pos = (m: MediaRow) => {
      const i = order.indexOf(String(m.id));
      return i < 0 ? order.length : i;
    };
    const list = (byOwner.get(r.id) ?? []).sort((a, b) => pos(a) - pos(b) || a.id - b.id);
    return toMastodonScheduledStatus(ctx, r, list);
  });
}

/** One serialized scheduled status by id (after a write), or undefined. */
export function scheduledStatusView(ctx: AppContext, id: number): Record<string, unknown> | undefined {
  const row = ctx.db.query<ScheduledStatusRow, [number]>("SELECT * FROM scheduled_statuses WHERE id = ?").get(id);
  return row ? scheduledStatusViews(ctx, [row])[0] : undefined;
}
