/** GET /api/v1/trends, /trends/tags, /trends/statuses, /trends/links: Hearth computes no trends yet, so empty lists. */
import type { Req, Router } from "../../../http/route";

export default function register(r: Router): void {
  for (const path of ["/api/v1/trends", "/api/v1/trends/tags", "/api/v1/trends/statuses", "/api/v1/trends/links"]) {
    r.get<Req>(path, { auth: "optional" }, () => []);
  }
}
