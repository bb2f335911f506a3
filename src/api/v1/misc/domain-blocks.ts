/**
 * GET /api/v1/domain_blocks: the domains the user blocks. Hearth has no user-level domain
 * blocks yet, so this is always the empty list (clients load it at start-up).
 */
import type { Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get("/api/v1/domain_blocks", { scopes: ["read:blocks"] }, () => []);
}
