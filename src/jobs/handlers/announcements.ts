/** Announcement stream jobs (enqueued by services/announcements): each sends one event to the connected user streams. */
import type { AppContext } from "../../context";
import { publishAnnouncement, publishAnnouncementDelete, publishAnnouncementReaction } from "../../streaming/announcements";

/** stream.announcement {announcementId}: published or changed. */
export function runStreamAnnouncement(ctx: AppContext, p: { announcementId: number }): void {
  publishAnnouncement(ctx, p.announcementId);
}

/** stream.announcement_reaction {announcementId, name}: a reaction's count changed. */
export function runStreamAnnouncementReaction(ctx: AppContext, p: { announcementId: number; name: string }): void {
  publishAnnouncementReaction(ctx, p.announcementId, p.name);
}

/** stream.announcement_delete {announcementId}: deleted or unpublished. */
export function runStreamAnnouncementDelete(ctx: AppContext, p: { announcementId: number }): void {
  publishAnnouncementDelete(ctx, p.announcementId);
}
