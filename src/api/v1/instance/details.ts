/** GET /api/v1/instance/{rules,peers,activity,extended_description} (public). */
import type { Req } from "../../../http/route";
import { iso } from "../../../serializers/mastodon/time";
import { weeklyActivity } from "../../../services/instance/activity";
import { peerDomains, setting } from "../../../services/instance/stats";
import { loadRules, type RuleView } from "../../../services/instance/view";

/** The server rules. */
export function listRules(q: Req): RuleView[] {
  return loadRules(q.ctx);
}

/** Domains this server knows accounts on. */
export function listPeers(q: Req): string[] {
  return peerDomains(q.ctx);
}

/** Twelve weeks of local activity, newest first. */
export function showActivity(q: Req): unknown[] {
  return weeklyActivity(q.ctx);
}

/** The admin-written "about" text (HTML); updated_at is null when never set, as in Mastodon. */
export function showExtendedDescription(q: Req): { updated_at: string | null; content: string } {
  const content = setting(q.ctx, "site_extended_description") ?? "";
  const at = Number(setting(q.ctx, "site_extended_description_updated_at"));
  return { updated_at: content && at > 0 ? iso(at) : null, content };
}
