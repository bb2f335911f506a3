/** Tag and FeaturedTag entities, from a tag reference and its loaded data. */
import type { FeaturedTagView, TagData } from "../../db/views/tags";
import type { Uris } from "../../model/uris";
import type { TagRef } from "../../services/tags/names";
import { iso } from "./time";

/**
 * The Tag entity: name as first typed, history newest day first (strings, day in Unix
 * seconds), and `following`/`featuring` only for an authenticated viewer. An unsaved tag
 * has an empty id, as in Mastodon.
 */
export function toMastodonTag(uris: Uris, t: TagRef, d: TagData): Record<string, unknown> {
  const days = (t.id !== null ? d.history.get(t.id) : undefined) ?? d.days.map((day) => ({ day, uses: 0, accounts: 0 }));
  const out: Record<string, unknown> = {
    id: t.id === null ? "" : String(t.id),
    name: t.display_name || t.name,
    url: uris.tag(t.name),
    history: days.map((h) => ({ day: String(h.day / 1000), uses: String(h.uses), accounts: String(h.accounts) })),
  };
  if (d.following) out.following = t.id !== null && d.following.has(t.id);
  if (d.featuring) out.featuring = t.id !== null && d.featuring.has(t.id);
  return out;
}

/** The FeaturedTag entity: its own id, the owner's tagged-posts URL, and counts. */
export function toMastodonFeaturedTag(uris: Uris, f: FeaturedTagView): Record<string, unknown> {
  return {
    id: String(f.id),
    name: f.name,
    url: uris.accountTag(f.username, f.tag_name),
    statuses_count: f.statuses_count,
    last_status_at: f.last_status_at === null ? null : iso(f.last_status_at),
  };
}
