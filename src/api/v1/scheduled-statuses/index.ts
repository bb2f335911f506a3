/** Route group: /api/v1/scheduled_statuses. Placeholder until scheduled posts land. */
import type { Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get("/api/v1/scheduled_statuses", { scopes: ["read:statuses"] }, () => []);
}
