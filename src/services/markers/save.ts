/** Reading positions (markers) for the home and notifications timelines. */
import type { AppContext } from "../../context";
import { getMarker, upsertMarker } from "../../db/queries/markers";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import type { MarkerRow } from "../../serializers/mastodon/notification";

/** The timelines a marker may be kept for. */
export const MARKER_TIMELINES = ["home", "notifications"] as const;

/** Markers of `accountId` for the named timelines (unknown names ignored). */
export function loadMarkers(ctx: AppContext, accountId: number, timelines: string[]): MarkerRow[] {
  const wanted = [...new Set(timelines)].filter((t) => (MARKER_TIMELINES as readonly string[]).includes(t));
  return wanted.map((t) => getMarker(ctx.db, accountId, t)).filter((m): m is MarkerRow => !!m);
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
  return transaction(ctx.db, () => updates.map(([t, id]) => upsertMarker(ctx.db, accountId, t, id, now)));
}
