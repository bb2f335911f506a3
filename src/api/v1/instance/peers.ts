/** GET /api/v1/instance/peers: domains this server knows accounts on (public). */
import type { Req, Router } from "../../../http/route";
import { peerDomains } from "../../../services/instance/stats";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance/peers", { auth: "none" }, (q) => peerDomains(q.ctx));
}
