/** Route group: Web Push subscription (create, show, update, destroy), one per access token. */
import type { Router } from "../../../http/route";
import create from "./create";
import destroy from "./destroy";
import show from "./show";
import update from "./update";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [create, show, update, destroy]) g(r);
}
