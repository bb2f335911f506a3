/** GET /api/v1/preferences: the user's posting and reading defaults (read:accounts). */
import type { Router } from "../../../http/route";
import { getUserSettingsJson } from "../../../db/queries/users";
import type { UserSettings } from "../../../db/rows";

export default function register(r: Router): void {
  // users.settings mapped to Mastodon's `posting:*` / `reading:*` keys.
  r.get("/api/v1/preferences", { scopes: ["read:accounts"] }, (q) => {
    const json = getUserSettingsJson(q.ctx.db, q.auth.userId);
    let s: UserSettings = {};
    try {
      s = JSON.parse(json ?? "{}") ?? {};
    } catch {
      /* defaults */
    }
    return {
      "posting:default:visibility": s.default_privacy ?? "public",
      "posting:default:sensitive": s.default_sensitive ?? false,
      "posting:default:language": s.default_language ?? null,
      "posting:default:quote_policy": s.default_quote_policy ?? "public",
      "reading:expand:media": s.expand_media ?? "default",
      "reading:expand:spoilers": s.expand_spoilers ?? false,
    };
  });
}
