/** GET /api/v1/directory: Hearth has no profile directory yet, so the empty list. */
import type { Req, Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/directory", { auth: "optional" }, () => []);
}
