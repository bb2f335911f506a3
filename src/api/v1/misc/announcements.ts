/** GET /api/v1/announcements: Hearth has no announcements yet, so the empty list (clients load it at start-up). */
import type { Req, Router } from "../../../http/route";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/announcements", { auth: "optional" }, () => []);
}
