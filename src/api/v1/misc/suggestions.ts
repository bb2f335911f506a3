/** GET /api/v1/suggestions: Hearth suggests no accounts yet, so the empty list. GET /api/v2/suggestions is in src/api/v2/suggestions/. */
import type { Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get("/api/v1/suggestions", { scopes: ["read"] }, () => []);
}
