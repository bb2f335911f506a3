/** Route group: /api/v1/scheduled_statuses (list, show, reschedule, cancel). */
import type { Router } from "../../../http/route";
import list from "./list";
import show from "./show";
import update from "./update";
import remove from "./delete";

export default function register(r: Router): void {
  for (const g of [list, show, update, remove]) g(r);
}
