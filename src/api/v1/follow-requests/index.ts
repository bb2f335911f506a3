/** Route group: /api/v1/follow_requests (list, authorize, reject). */
import type { Router } from "../../../http/route";
import list from "./list";
import authorize from "./authorize";

export default function register(r: Router): void {
  list(r);
  authorize(r);
}
