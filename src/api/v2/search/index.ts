/** Route group: /api/v2/search. */
import type { Router } from "../../../http/route";
import search from "./search";

export default function register(r: Router): void {
  for (const g of [search]) g(r);
}
