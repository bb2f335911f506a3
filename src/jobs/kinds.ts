/**
 * The one registry of background work: every job kind with its payload type and its handler.
 * The runner looks handlers up here; `ctx.jobs.enqueue` checks payloads against JobPayloads.
 * A new kind gets a line in both tables (TypeScript refuses one without the other).
 */
import type { InboxJob } from "../activitypub/inbound/inbox/receive";
import type { DeliverPayload, FanoutPayload } from "../activitypub/outbound/delivery";
import type { AppContext } from "../context";
import type { JobRow } from "../db/job-queue";
import type { MailMessage } from "../mail/transport";
import type { ResanitizeStep } from "../services/federation/resanitize-html";
import type { TagFanOutPayload } from "../services/tags/fan-out";
import type { WebPushJob } from "../services/push/send";
import { runBackupDaily } from "./handlers/backup";
import { runDeliver, runFanout } from "./handlers/delivery";
import { runBackfillAccount, runFetchParent, runRefreshAccount } from "./handlers/deref";
import { runFanOut, runTagFanOut } from "./handlers/feeds";
import { runEmojiCacheRemote } from "./handlers/custom-emojis";
import { runResanitizeHtml } from "./handlers/resanitize-html";
import { runApInbox } from "./handlers/inbox";
import { runMailDigestSweep, runMailSend } from "./handlers/mail";
import {
  runMediaCacheAvatar,
  runMediaCacheRemote,
  runMediaClearDomain,
  runMediaDeleteFiles,
  runMediaProcess,
  runMediaRemoveRemoteCache,
  runMediaRemoveUnattached,
} from "./handlers/media";
import {
  runAccountsRefreshStale,
  runDbCheckpoint,
  runDbOptimize,
  runMediaRemoveOrphans,
  runOauthRemoveExpired,
  runStatusesRemoveRemote,
} from "./handlers/maintenance";
import { runPollDistributeUpdate, runPollExpire } from "./handlers/polls";
import { runPushDeliver } from "./handlers/push";
import { runPreviewCardFetch, runVerifyLinks } from "./handlers/preview-cards";
import { runSearchIndexQueue, runSearchMergeIndex } from "./handlers/search-index";
import { runTrendsRefresh } from "./handlers/trends";
import { runStreamAnnouncement, runStreamAnnouncementDelete, runStreamAnnouncementReaction } from "./handlers/announcements";
import { runScheduledStatusPublish, runScheduledStatusSweep } from "./handlers/scheduled-statuses";
import {
  runStreamCloseTokens,
  runStreamDelete,
  runStreamFiltersChanged,
  runStreamNotification,
  runStreamNotificationsMerged,
  runStreamStatusUpdate,
  runStreamUpdate,
} from "./handlers/streaming";

/** The payload of each job kind (what `enqueue` takes and the handler gets). */
export interface JobPayloads {
  "ap.inbox": InboxJob;
  "backup.daily": Record<string, never>;
  "ap.fanout": FanoutPayload;
  "ap.deliver": DeliverPayload;
  "ap.refresh_account": { uri: string; movedFrom?: number };
  "ap.backfill_account": { accountId: number };
  "ap.fetch_parent": { statusId: number; uri: string; depth?: number };
  "federation.resanitize_html": ResanitizeStep;
  "feeds.fan_out": { statusId: number };
  "feeds.tag_fan_out": TagFanOutPayload;
  "mail.send": MailMessage;
  "mail.digest_sweep": Record<string, never>;
  "emoji.cache_remote": { id: number };
  "media.process": { id: number };
  "media.cache_remote": { id: number; preview?: string | null };
  "media.cache_avatar": { accountId: number; remove?: string[] };
  "media.clear_domain": { domain: string };
  "media.delete_files": { keys: unknown[] };
  "media.remove_unattached": Record<string, never>;
  "media.remove_remote_cache": Record<string, never>;
  "media.remove_orphans": Record<string, never>;
  "db.optimize": Record<string, never>;
  "db.checkpoint": Record<string, never>;
  "oauth.remove_expired": Record<string, never>;
  "accounts.refresh_stale": Record<string, never>;
  "statuses.remove_remote": Record<string, never>;
  "poll.expire": { pollId: number; expiresAt?: number };
  "poll.distribute_update": { statusId: number };
  "push.deliver": WebPushJob;
  "preview_card.fetch": { statusId: number };
  "accounts.verify_links": { accountId: number };
  "scheduled_status.publish": { id: number };
  "scheduled_status.sweep": Record<string, never>;
  "stream.update": { statusId: number };
  "stream.status_update": { statusId: number };
  "stream.delete": { statusId: number; public?: boolean };
  "stream.notification": { notificationId: number; accountId: number };
  "stream.notifications_merged": { accountId: number };
  "stream.filters_changed": { accountId: number };
  "stream.close_tokens": { tokenIds: number[] };
  "stream.announcement": { announcementId: number };
  "stream.announcement_reaction": { announcementId: number; name: string };
  "stream.announcement_delete": { announcementId: number };
  "trends.refresh": Record<string, never>;
  "search.merge_index": Record<string, never>;
  "search.index_queue": Record<string, never>;
}

/** A job kind. */
export type JobKind = keyof JobPayloads;

/** A job handler: idempotent; throwing reschedules the job with backoff. */
export type JobHandler<P = any> = (ctx: AppContext, payload: P, job: JobRow) => Promise<void> | void;

/** Job kind → handler. */
export const JOB_KINDS: { readonly [K in JobKind]: JobHandler<JobPayloads[K]> } = {
  "ap.inbox": runApInbox,
  "backup.daily": runBackupDaily,
  "ap.fanout": runFanout,
  "ap.deliver": runDeliver,
  "ap.refresh_account": runRefreshAccount,
  "ap.backfill_account": runBackfillAccount,
  "ap.fetch_parent": runFetchParent,
  "federation.resanitize_html": runResanitizeHtml,
  "feeds.fan_out": runFanOut,
  "feeds.tag_fan_out": runTagFanOut,
  "mail.send": runMailSend,
  "mail.digest_sweep": runMailDigestSweep,
  "emoji.cache_remote": runEmojiCacheRemote,
  "media.process": runMediaProcess,
  "media.cache_remote": runMediaCacheRemote,
  "media.cache_avatar": runMediaCacheAvatar,
  "media.clear_domain": runMediaClearDomain,
  "media.delete_files": runMediaDeleteFiles,
  "media.remove_unattached": runMediaRemoveUnattached,
  "media.remove_remote_cache": runMediaRemoveRemoteCache,
  "media.remove_orphans": runMediaRemoveOrphans,
  "db.optimize": runDbOptimize,
  "db.checkpoint": runDbCheckpoint,
  "oauth.remove_expired": runOauthRemoveExpired,
  "accounts.refresh_stale": runAccountsRefreshStale,
  "statuses.remove_remote": runStatusesRemoveRemote,
  "poll.expire": runPollExpire,
  "poll.distribute_update": runPollDistributeUpdate,
  "push.deliver": runPushDeliver,
  "preview_card.fetch": runPreviewCardFetch,
  "accounts.verify_links": runVerifyLinks,
  "scheduled_status.publish": runScheduledStatusPublish,
  "scheduled_status.sweep": runScheduledStatusSweep,
  "stream.update": runStreamUpdate,
  "stream.status_update": runStreamStatusUpdate,
  "stream.delete": runStreamDelete,
  "stream.notification": runStreamNotification,
  "stream.notifications_merged": runStreamNotificationsMerged,
  "stream.filters_changed": runStreamFiltersChanged,
  "stream.close_tokens": runStreamCloseTokens,
  "stream.announcement": runStreamAnnouncement,
  "stream.announcement_reaction": runStreamAnnouncementReaction,
  "stream.announcement_delete": runStreamAnnouncementDelete,
  "trends.refresh": runTrendsRefresh,
  "search.merge_index": runSearchMergeIndex,
  "search.index_queue": runSearchIndexQueue,
};
