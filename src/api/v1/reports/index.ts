/** Route group: reports (POST /api/v1/reports). */
import type { Router } from "../../../http/route";
import create from "./create";

export default function register(r: Router): void {
  for (const g of [create]) g(r);
}
