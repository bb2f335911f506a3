/** GET /api/v2/notifications/:group_key: one of the viewer's groups. */
import type { Router } from "../../../http/route";
import { notFound } from "../../../http/errors";
import { effectiveGroupKey, newestOfGroup } from "../../../db/queries/notification-groups";
import { groupedNotifications } from "../../../db/views/notification-groups";
import { groupKeyParam } from "./params";

/** Registers the single-group endpoint; unknown keys, other users' groups and hidden ones are 404. */
export default function show(r: Router): void {
  r.get("/api/v2/notifications/:group_key", { scopes: ["read:notifications"] }, (q) => {
    const row = newestOfGroup(q.ctx, q.auth.accountId, groupKeyParam(q.params.group_key));
    if (!row) throw notFound();
    const out = groupedNotifications(q.ctx, q.auth.accountId, [{ row, key: effectiveGroupKey(row, null) }], { range: null, expand: "full" });
    if ((out.notification_groups as unknown[]).length === 0) throw notFound();
    return out;
  });
}
