/** Job handlers of this area; each calls defineJob(kind, handler) at import time. */
import { defineJob } from "../runner";
import { hubFor } from "../../streaming/hub";
import {
  publishAnnouncement, publishAnnouncementDelete, publishDelete, publishFiltersChanged, publishNotification, publishNotificationsMerged, publishStatus,
} from "../../streaming/publish";

/** stream.update {statusId}: a new status or boost (enqueued by fanOutStatus). */
defineJob("stream.update", (ctx, p: { statusId: number }) => publishStatus(ctx, p.statusId, "update"));
/** stream.status_update {statusId}: an edited status. */
defineJob("stream.status_update", (ctx, p: { statusId: number }) => publishStatus(ctx, p.statusId, "status.update"));
/** stream.delete {statusId, public?}: a deleted status (payload is the id). */
defineJob("stream.delete", (ctx, p: { statusId: number; public?: boolean }) => publishDelete(ctx, p.statusId, p.public));
/** stream.notification {notificationId, accountId}: a new notification (enqueued by notify()). */
defineJob("stream.notification", (ctx, p: { notificationId: number; accountId: number }) => publishNotification(ctx, p.notificationId, p.accountId));
/** stream.notifications_merged {accountId}: accepted notification requests were merged (requests-accept.ts). */
defineJob("stream.notifications_merged", (ctx, p: { accountId: number }) => publishNotificationsMerged(ctx, p.accountId));
/** stream.filters_changed {accountId}: the account's keyword filters changed. */
defineJob("stream.filters_changed", (ctx, p: { accountId: number }) => publishFiltersChanged(ctx, p.accountId));
/** stream.announcement {announcement}: a published Announcement entity. */
defineJob("stream.announcement", (ctx, p: { announcement: Record<string, unknown> }) => publishAnnouncement(ctx, p.announcement));
/** stream.announcement_delete {announcementId}: a withdrawn announcement. */
defineJob("stream.announcement_delete", (ctx, p: { announcementId: string }) => publishAnnouncementDelete(ctx, String(p.announcementId)));

/** Revoked tokens lose their open streams. */
defineJob("stream.close_tokens", (ctx, p: { tokenIds: number[] }) => { for (const id of p.tokenIds) hubFor(ctx).closeToken(id); });
