/** Route group: media uploads (POST /api/v1|v2/media) and GET/PUT/DELETE /api/v1/media/:id. */
import type { Router } from "../../../http/route";
import create from "./create";
import destroy from "./destroy";
import show from "./show";
import update from "./update";

export default function register(r: Router): void {
  create(r);
  show(r);
  update(r);
  destroy(r);
}
