/** Route group: account registration through the API. */
import type { Router } from "../../../http/route";
import create from "./create";

export default function register(r: Router): void {
  for (const g of [create]) g(r);
}
