/** GET /api/v1/instance: the deprecated v1 Instance entity, with stats (public). GET /api/v2/instance is in src/api/v2/instance/. */
import type { Req, Router } from "../../../http/route";
import { toInstanceV1 } from "../../../serializers/mastodon/instance";
import { loadInstanceView } from "../../../services/instance/view";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance", { auth: "none" }, (q) => toInstanceV1(q.ctx, loadInstanceView(q.ctx, true)));
}
