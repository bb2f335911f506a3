/** Route group: GET /api/v2/instance. */
import type { Router } from "../../../http/route";
import show from "./show";

export default function register(r: Router): void {
  for (const g of [show]) g(r);
}
