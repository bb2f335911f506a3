/** GET /api/v2/suggestions: Hearth suggests no accounts yet, so the empty list (clients load it at start-up). */
import type { Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get("/api/v2/suggestions", { scopes: ["read"] }, () => []);
}
