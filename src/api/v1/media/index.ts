/** Route group: POST /api/v1/media (deprecated upload) and GET/PUT/DELETE /api/v1/media/:id. */
import type { Router } from "../../../http/route";
import create from "./create";
import destroy from "./destroy";
import show from "./show";
import update from "./update";

export default function register(r: Router): void {
  for (const g of [create, show, update, destroy]) g(r);
}
