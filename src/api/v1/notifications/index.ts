/** Route group: notifications v1 (list, show, dismiss, clear, unread_count, policy, requests). */
import type { Router } from "../../../http/route";
import list from "./list";
import unreadCount from "./unread-count";
import dismiss from "./dismiss";
import show from "./show";
import policy from "./policy";
import requests from "./requests";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [list, unreadCount, policy, requests, dismiss, show]) g(r);
}
