/** Route group: POST /api/v2/media (the asynchronous upload). */
import type { Router } from "../../../http/route";
import create from "./create";

export default function register(r: Router): void {
  for (const g of [create]) g(r);
}
