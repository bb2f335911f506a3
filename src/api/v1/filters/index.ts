/** Route group: the deprecated v1 filters (/api/v1/filters); the v2 API is in src/api/v2/filters/. */
import type { Router } from "../../../http/route";
import v1Filters from "./v1-filters";

export default function register(r: Router): void {
  for (const g of [v1Filters]) g(r);
}
