/** Announcement view → Mastodon's Announcement entity (and the admin form of it). */
import type { AppContext } from "../../context";
import type { AnnouncementView } from "../../db/views/announcements";
import type { AnnouncementRow } from "../../db/queries/announcements";
import { emojiImageUrl } from "./custom-emoji";
import { iso } from "./time";

function period(at: number | null): string | null {
  return at === null ? null : iso(at);
}

/** The Announcement entity; `read` only when there is a viewer, as Mastodon. */
export function toMastodonAnnouncement(ctx: AppContext, v: AnnouncementView): Record<string, unknown> {
  const a = v.row;
  return {
    id: String(a.id),
    content: a.content_html,
    starts_at: period(a.starts_at),
    ends_at: period(a.ends_at),
    all_day: a.all_day === 1,
    published_at: iso(a.published_at ?? a.created_at),
    updated_at: iso(a.updated_at),
    ...(v.read === null ? {} : { read: v.read }),
    mentions: JSON.parse(a.mentions),
    statuses: [],
    tags: JSON.parse(a.tags),
    emojis: [],
    reactions: v.reactions.map((r) => ({
      name: r.name,
      count: r.count,
      me: r.me,
      ...(r.emoji ? { url: emojiImageUrl(ctx, r.emoji), static_url: emojiImageUrl(ctx, r.emoji) } : {}),
    })),
  };
}

/** Hearth's admin form: the entity plus the source text and whether it is published. */
export function toAdminAnnouncement(ctx: AppContext, a: AnnouncementRow): Record<string, unknown> {
  return {
    ...toMastodonAnnouncement(ctx, { row: a, read: null, reactions: [] }),
    text: a.text,
    published: a.published_at !== null,
    published_at: a.published_at === null ? null : iso(a.published_at),
    created_at: iso(a.created_at),
  };
}
