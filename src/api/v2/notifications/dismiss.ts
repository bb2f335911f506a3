/** POST /api/v2/notifications/:group_key/dismiss and POST /api/v2/notifications/clear. */
import type { Router } from "../../../http/route";
import { clearNotifications } from "../../../services/notifications/dismiss";
import { dismissNotificationGroup } from "../../../services/notifications/dismiss-group";
import { groupKeyParam } from "./params";

/** Registers dismiss (a whole group) and clear (everything); both answer {} as Mastodon does. */
export default function register(r: Router): void {
  r.post("/api/v2/notifications/clear", { scopes: ["write:notifications"] }, (q) => {
    clearNotifications(q.ctx, q.auth.accountId);
    return {};
  });
  r.post("/api/v2/notifications/:group_key/dismiss", { scopes: ["write:notifications"] }, (q) => {
    dismissNotificationGroup(q.ctx, q.auth.accountId, groupKeyParam(q.params.group_key));
    return {};
  });
}
