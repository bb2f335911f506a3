/**
 * Announcement stream events (called by the stream.announcement* job handlers): sent on every
 * connected `user` stream, as Mastodon publishes them to each local user's timeline channel.
 */
import type { AppContext } from "../context";
import { getAnnouncement } from "../db/queries/announcements";
import { loadAnnouncementViews } from "../db/views/announcements";
import { toMastodonAnnouncement } from "../serializers/mastodon/announcement";
import { StreamEvent } from "./hub";

const USER_KEY = /^user:(\d+)$/;

function userKeys(ctx: AppContext): [string, number][] {
  const out: [string, number][] = [];
  for (const k of ctx.hub.keys()) {
    const m = USER_KEY.exec(k);
    if (m) out.push([k, Number(m[1])]);
  }
  return out;
}

/** `announcement` with the entity as each connected user sees it (read, reactions' `me`). */
export function publishAnnouncement(ctx: AppContext, announcementId: number): void {
  if (ctx.hub.size === 0) return;
  const a = getAnnouncement(ctx.db, announcementId);
  if (!a || a.published_at === null) return;
  for (const [key, viewer] of userKeys(ctx)) {
    const [v] = loadAnnouncementViews(ctx, [a], viewer);
    ctx.hub.broadcast(key, new StreamEvent("announcement", JSON.stringify(toMastodonAnnouncement(ctx, v!))));
  }
}

/** `announcement.reaction` {name, count, announcement_id}: the same payload for everyone. */
export function publishAnnouncementReaction(ctx: AppContext, announcementId: number, name: string): void {
  if (ctx.hub.size === 0) return;
  const a = getAnnouncement(ctx.db, announcementId);
  if (!a) return;
  const [v] = loadAnnouncementViews(ctx, [a], null);
  const count = v!.reactions.find((r) => r.name === name)?.count ?? 0;
  const ev = new StreamEvent("announcement.reaction", JSON.stringify({ name, count, announcement_id: String(announcementId) }));
  for (const [key] of userKeys(ctx)) ctx.hub.broadcast(key, ev);
}

/** `announcement.delete` with the id as payload. */
export function publishAnnouncementDelete(ctx: AppContext, announcementId: number): void {
  if (ctx.hub.size === 0) return;
  const ev = new StreamEvent("announcement.delete", String(announcementId));
  for (const [key] of userKeys(ctx)) ctx.hub.broadcast(key, ev);
}
