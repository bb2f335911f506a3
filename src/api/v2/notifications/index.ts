/** Route group: grouped notifications (/api/v2/notifications) and the notification policy. */
import type { Router } from "../../../http/route";
import list from "./list";
import unreadCount from "./unread-count";
import policy from "./policy";
import dismiss from "./dismiss";
import accounts from "./accounts";
import show from "./show";

/** Registers this group's endpoints (fixed paths before /:group_key). */
export default function register(r: Router): void {
  for (const g of [list, unreadCount, policy, dismiss, accounts, show]) g(r);
}
