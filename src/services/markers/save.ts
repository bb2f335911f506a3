/** Reading positions (markers) for the home and notifications timelines. */
import type { AppContext } from "../../context";
import { validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import type { MarkerRow } from "../../serializers/mastodon/notification";

/** The timelines a marker may be kept for. */
export const MARKER_TIMELINES = ["home", "notifications"] as const;

/** Markers of `accountId` for the named timelines (unknown names ignored). */
export function loadMarkers(ctx: AppContext, accountId: number, timelines: string[]): MarkerRow[] {
  const wanted = [...new Set(timelines)].filter((t) => (MARKER_TIMELINES as readonly string[]).includes(t));
  const q = ctx.db.query<MarkerRow, [number, string]>("SELECT * FROM markers WHERE account_id = ? AND timeline = ?");
  return wanted.map((t) => q.get(accountId, t)).filter((m): m is MarkerRow => !!m);
}

/**
 * Saves `{timeline: {last_read_id}}` positions in one transaction; each saved marker's
 * version goes up by one (new markers start at 0). All values are checked before any write.
 */
export function saveMarkers(ctx: AppContext, accountId: number, input: Record<string, unknown>): MarkerRow[] {
  const updates: [string, number][] = [];
  for (const t of MARKER_TIMELINES) {
    const v = input[t];
    if (v === undefined || v === null) continue;
    const raw = typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>).last_read_id : undefined;
    const id = parseId(raw);
    if (id === undefined) throw validation(`${t}[last_read_id] must be a numeric id`);
    updates.push([t, id]);
  }
  const now = ctx.now();
  return ctx.db.transaction(() =>
    updates.map(([t, id]) =>
      ctx.db
        .query<MarkerRow, [number, string, number, number]>(
          `INSERT INTO markers (account_id, timeline, last_read_id, version, updated_at) VALUES (?, ?, ?, 0, ?)
           ON CONFLICT (account_id, timeline) DO UPDATE SET last_read_id = excluded.last_read_id,
             version = markers.version + 1, updated_at = excluded.updated_at
           RETURNING *`,
        )
        .get(accountId, t, id, now)!,
    ),
  ).immediate();
}
