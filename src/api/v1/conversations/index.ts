/** Route group: /api/v1/conversations (list, remove, mark read). */
import type { Router } from "../../../http/route";
import list from "./list";
import actions from "./actions";

export default function register(r: Router): void {
  for (const g of [list, actions]) g(r);
}
