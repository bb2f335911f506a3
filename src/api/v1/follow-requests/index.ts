/** Route group: /api/v1/follow_requests (list, authorize, reject). */
import type { Router } from "../../../http/route";
import list from "./list";
import authorize from "./authorize";

export default function register(r: Router): void {
  for (const g of [list, authorize]) g(r);
}
