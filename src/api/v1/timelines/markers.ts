/** GET and POST /api/v1/markers: saved reading positions of home and notifications. */
import type { Router } from "../../../http/route";
import { strArr } from "../../../http/params";
import { loadMarkers, saveMarkers } from "../../../services/markers/save";
import { toMastodonMarker, type MarkerRow } from "../../../serializers/mastodon/notification";

const byTimeline = (rows: MarkerRow[]) => Object.fromEntries(rows.map((m) => [m.timeline, toMastodonMarker(m)]));

/** Registers the markers endpoints. */
export default function register(r: Router): void {
  r.get("/api/v1/markers", { scopes: ["read:statuses"] }, (q) =>
    byTimeline(loadMarkers(q.ctx, q.auth.accountId, strArr(q.input, "timeline") ?? [])),
  );
  r.post("/api/v1/markers", { scopes: ["write:statuses"] }, (q) => byTimeline(saveMarkers(q.ctx, q.auth.accountId, q.input)));
}
