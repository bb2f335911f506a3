/** Loads announcements with everything their entity needs (reactions, read flags, custom emoji) in a fixed number of queries. */
import type { AppContext } from "../../context";
import type { CustomEmojiRow } from "../../serializers/mastodon/custom-emoji";
import {
  listActiveAnnouncements,
  listAnnouncementReactionCounts,
  listDismissedAnnouncementIds,
  type AnnouncementRow,
} from "../queries/announcements";
import { listLocalCustomEmojis } from "../queries/custom-emojis";

/** An announcement with its viewer-specific parts. */
export interface AnnouncementView {
  row: AnnouncementRow;
  /** null when there is no viewer (the field is then left out). */
  read: boolean | null;
  reactions: { name: string; count: number; me: boolean; emoji: CustomEmojiRow | null }[];
}

/** Views of `rows` as `viewerId` sees them. */
export function loadAnnouncementViews(ctx: AppContext, rows: AnnouncementRow[], viewerId: number | null): AnnouncementView[] {
  const ids = rows.map((r) => r.id);
  const read = viewerId === null ? null : listDismissedAnnouncementIds(ctx.db, viewerId, ids);
  const counts = listAnnouncementReactionCounts(ctx.db, ids, viewerId);
  const custom = counts.some((c) => /^[a-zA-Z0-9_]+$/.test(c.name))
    ? new Map(listLocalCustomEmojis(ctx.db).map((e) => [e.shortcode, e]))
    : new Map<string, CustomEmojiRow>();
  return rows.map((row) => ({
    row,
    read: read === null ? null : read.has(row.id),
    reactions: counts
      .filter((c) => c.announcement_id === row.id)
      .map((c) => ({ name: c.name, count: c.count, me: viewerId !== null && c.me === 1, emoji: custom.get(c.name) ?? null })),
  }));
}

/** The published announcements shown now, as `viewerId` sees them. */
export function loadActiveAnnouncementViews(ctx: AppContext, viewerId: number | null): AnnouncementView[] {
  return loadAnnouncementViews(ctx, listActiveAnnouncements(ctx.db, ctx.now()), viewerId);
}
