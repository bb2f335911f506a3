/** GET /api/v1/instance/extended_description: the admin-written "about" text as HTML (public). */
import type { Req, Router } from "../../../http/route";
import { iso } from "../../../serializers/mastodon/time";
import { setting } from "../../../services/instance/stats";

export default function register(r: Router): void {
  // updated_at is null when the text was never set, as in Mastodon.
  r.get<Req>("/api/v1/instance/extended_description", { auth: "none" }, (q) => {
    const content = setting(q.ctx, "site_extended_description") ?? "";
    const at = Number(setting(q.ctx, "site_extended_description_updated_at"));
    return { updated_at: content && at > 0 ? iso(at) : null, content };
  });
}
