/**
 * Posting a due scheduled status (the `scheduled_status.publish` job and the sweep): the row
 * is deleted and the status posted through createStatus in one transaction, so it is posted
 * at most once. When posting is refused (the reply target vanished, the text is no longer
 * valid, the account is suspended) the scheduled status is dropped, as Mastodon does.
 */
import type { AppContext } from "../../context";
import { getAccountSuspendedAt } from "../../db/queries/accounts";
import { detachScheduledStatusMedia, listScheduledStatusMedia } from "../../db/queries/media-attachments";
import { applicationExists } from "../../db/queries/oauth-applications";
import { deleteScheduledStatus, getDueScheduledStatus, listDueScheduledStatusIds } from "../../db/queries/scheduled-statuses";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { createStatus } from "../statuses/create";
import type { ScheduledParams } from "./schedule";

/** Thrown while attached uploads are still processing: the job retries later. */
export class MediaNotReady extends Error {}

/**
 * Publishes scheduled status `id` if it exists and is due; returns the new status id, or null
 * when there was nothing to do or the post was refused (then the row is gone too).
 */
export function publishScheduledStatus(ctx: AppContext, id: number): number | null {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const row = getDueScheduledStatus(db, id, ctx.now());
    if (!row) return null;
    const attached = listScheduledStatusMedia(db, row.id);
    if (attached.some((m) => m.processing === 1)) throw new MediaNotReady(`scheduled status ${row.id}: media still processing`);
    detachScheduledStatusMedia(db, row.id);
    deleteScheduledStatus(db, row.id);

    const account = getAccountSuspendedAt(db, row.account_id);
    if (!account || account.suspended_at !== null) return null;
    let p: Partial<ScheduledParams> = {};
    try {
      p = JSON.parse(row.params) ?? {};
    } catch {
      /* posts nothing valid; dropped below */
    }
    // Uploads deleted meanwhile are left out, as Mastodon's lookup of media_ids does.
    const still = new Set(attached.map((m) => String(m.id)));
    const appId = Number(p.application_id);
    const appExists = Number.isSafeInteger(appId) && applicationExists(db, appId);
    try {
      return createStatus(
        ctx,
        row.account_id,
        {
          text: p.text ?? undefined,
          spoilerText: p.spoiler_text ?? undefined,
          sensitive: p.sensitive ?? undefined,
          visibility: p.visibility ?? undefined,
          language: p.language ?? undefined,
          inReplyToId: p.in_reply_to_id ?? undefined,
          mediaIds: (p.media_ids ?? []).filter((m) => still.has(m)),
          poll: p.poll ?? undefined,
          allowedMentions: p.allowed_mentions ?? undefined,
        },
        appExists ? appId : null,
      );
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ctx.log.info(`scheduled status ${row.id} of account ${row.account_id} dropped: ${e.message}`);
      return null;
    }
  });
}

/** Ids of scheduled statuses due at `now` (for the sweep that backs up the per-status jobs). */
export function dueScheduledStatuses(ctx: AppContext, limit = 100): number[] {
  return listDueScheduledStatusIds(ctx.db, ctx.now(), limit);
}
