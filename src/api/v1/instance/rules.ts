/** GET /api/v1/instance/rules: the server rules (public). */
import type { Req, Router } from "../../../http/route";
import { loadRules } from "../../../services/instance/view";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance/rules", { auth: "none" }, (q) => loadRules(q.ctx));
}
