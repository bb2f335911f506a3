/** GET /api/v1/instance/activity: twelve weeks of local activity, newest first (public). */
import type { Req, Router } from "../../../http/route";
import { weeklyActivity } from "../../../services/instance/activity";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance/activity", { auth: "none" }, (q) => weeklyActivity(q.ctx));
}
