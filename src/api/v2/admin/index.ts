/** Route group: the v2 admin API (GET /api/v2/admin/accounts); the rest of the admin API is in src/api/v1/admin/. */
import type { Router } from "../../../http/route";
import accounts from "./accounts";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [accounts]) g(r);
}
