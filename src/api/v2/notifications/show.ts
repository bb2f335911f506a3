/** GET /api/v2/notifications/:group_key: one of the viewer's groups. */
import { JsonText, type Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { effectiveGroupKey, newestOfGroup } from "../../../db/queries/notification-groups";
import { groupedNotificationsJson } from "../../../db/views/notification-groups-json";
import { groupKeyParam } from "./params";

/** Registers the single-group endpoint; unknown keys, other users' groups and hidden ones are 404. */
export default function register(r: Router): void {
  r.get("/api/v2/notifications/:group_key", { scopes: ["read:notifications"] }, (q) => {
    const row = newestOfGroup(q.ctx, q.auth.accountId, groupKeyParam(q.params.group_key));
    if (!row) throw notFound();
    const out = groupedNotificationsJson(q.ctx, q.auth.accountId, [{ row, key: effectiveGroupKey(row, null) }], {
      range: null,
      expand: "full",
    });
    if (out.groups.length === 0) throw notFound();
    return new JsonText(out.json);
  });
}
