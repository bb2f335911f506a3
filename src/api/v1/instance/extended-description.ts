/** GET /api/v1/instance/extended_description: the admin-written "about" text, Markdown rendered to HTML (public). */
import type { Req, Router } from "../../../http/route";
import { iso } from "../../../serializers/mastodon/time";
import { readInstanceSettings } from "../../../services/instance/settings";
import { markdownToHtml } from "../../../text/markdown";

export default function register(r: Router): void {
  // updated_at is null when the text was never set, as in Mastodon.
  r.get<Req>("/api/v1/instance/extended_description", { auth: "none" }, (q) => {
    const s = readInstanceSettings(q.ctx);
    const content = markdownToHtml(s.extendedDescription);
    return { updated_at: content && s.extendedDescriptionUpdatedAt ? iso(s.extendedDescriptionUpdatedAt) : null, content };
  });
}
