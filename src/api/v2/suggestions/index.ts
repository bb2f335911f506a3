/** Route group: GET /api/v2/suggestions. */
import type { Router } from "../../../http/route";
import list from "./list";

export default function register(r: Router): void {
  for (const g of [list]) g(r);
}
