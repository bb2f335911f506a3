/** GET /api/v2/instance: the Instance entity (public). */
import type { Req, Router } from "../../../http/route";
import { toInstanceV2 } from "../../../serializers/mastodon/instance";
import { loadInstanceView } from "../../../services/instance/view";

export default function register(r: Router): void {
  r.get<Req>("/api/v2/instance", { auth: "none" }, (q) => toInstanceV2(q.ctx, loadInstanceView(q.ctx)));
}
