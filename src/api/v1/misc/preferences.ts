/** GET /api/v1/preferences: the user's posting and reading defaults (read:accounts). */
import type { UserReq } from "../../../http/route";
import type { UserSettings } from "../../../db/rows";

/** Handler: maps users.settings to Mastodon's `posting:*` / `reading:*` keys. */
export function getPreferences(q: UserReq): Record<string, unknown> {
  const row = q.ctx.db.query<{ settings: string }, [number]>("SELECT settings FROM users WHERE id = ?").get(q.auth.userId);
  let s: UserSettings = {};
  try { s = JSON.parse(row?.settings ?? "{}") ?? {}; } catch { /* defaults */ }
  return {
    "posting:default:visibility": s.default_privacy ?? "public",
    "posting:default:sensitive": s.default_sensitive ?? false,
    "posting:default:language": s.default_language ?? null,
    "reading:expand:media": s.expand_media ?? "default",
    "reading:expand:spoilers": s.expand_spoilers ?? false,
  };
}
