/** Route group: filters (/api/v2/filters and the v1 compatibility endpoints). Placeholder until filters land. */
import type { Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get("/api/v1/filters", { scopes: ["read:filters"] }, () => []);
  r.get("/api/v2/filters", { scopes: ["read:filters"] }, () => []);
}
