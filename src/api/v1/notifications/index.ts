/** Route group: notifications v1 (list, show, dismiss, clear, unread_count, policy, requests) and their Web Push subscription. */
import type { Router } from "../../../http/route";
import list from "./list";
import unreadCount from "./unread-count";
import dismiss from "./dismiss";
import show from "./show";
import policy from "./policy";
import requests from "./requests";
import push from "../push";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [list, unreadCount, policy, requests, dismiss, show]) g(r);
  // Mastodon documents push under notifications; registered here so server.ts keeps one line per group.
  push(r);
}
