/**
 * Posting a due scheduled status (the `scheduled_status.publish` job and the sweep): the row
 * is deleted and the status posted through createStatus in one transaction, so it is posted
 * at most once. When posting is refused (the reply target vanished, the text is no longer
 * valid, the account is suspended) the scheduled status is dropped, as Mastodon does.
 */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { createStatus } from "../statuses/create";
import type { ScheduledStatusRow } from "../../serializers/mastodon/scheduled-status";
import type { ScheduledParams } from "./schedule";

/** Thrown while attached uploads are still processing: the job retries later. */
export class MediaNotReady extends Error {}

/**
 * Publishes scheduled status `id` if it exists and is due; returns the new status id, or null
 * when there was nothing to do or the post was refused (then the row is gone too).
 */
export function publishScheduledStatus(ctx: AppContext, id: number): number | null {
  return ctx.db.transaction(() => {
    const db = ctx.db;
    const row = db.query<ScheduledStatusRow, [number, number]>("SELECT * FROM scheduled_statuses WHERE id = ? AND scheduled_at <= ?").get(id, ctx.now());
    if (!row) return null;
    const attached = db.query<{ id: number; processing: number }, [number]>(
      "SELECT id, processing FROM media_attachments WHERE scheduled_status_id = ? AND status_id IS NULL",
    ).all(row.id);
    if (attached.some((m) => m.processing === 1)) throw new MediaNotReady(`scheduled status ${row.id}: media still processing`);
    db.query("UPDATE media_attachments SET scheduled_status_id = NULL WHERE scheduled_status_id = ?").run(row.id);
    db.query("DELETE FROM scheduled_statuses WHERE id = ?").run(row.id);

    const account = db.query<{ suspended_at: number | null }, [number]>("SELECT suspended_at FROM accounts WHERE id = ?").get(row.account_id);
    if (!account || account.suspended_at !== null) return null;
    let p: Partial<ScheduledParams> = {};
    try { p = JSON.parse(row.params) ?? {}; } catch { /* posts nothing valid; dropped below */ }
    // Uploads deleted meanwhile are left out, as Mastodon's lookup of media_ids does.
    const still = new Set(attached.map((m) => String(m.id)));
    const appId = Number(p.application_id);
    const appExists = Number.isSafeInteger(appId) && !!db.query("SELECT 1 FROM oauth_applications WHERE id = ?").get(appId);
    try {
      return createStatus(ctx, row.account_id, {
        text: p.text ?? undefined,
        spoilerText: p.spoiler_text ?? undefined,
        sensitive: p.sensitive ?? undefined,
        visibility: p.visibility ?? undefined,
        language: p.language ?? undefined,
        inReplyToId: p.in_reply_to_id ?? undefined,
        mediaIds: (p.media_ids ?? []).filter((m) => still.has(m)),
        poll: p.poll ?? undefined,
      }, appExists ? appId : null);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ctx.log.info(`scheduled status ${row.id} of account ${row.account_id} dropped: ${e.message}`);
      return null;
    }
  }).immediate();
}

/** Ids of scheduled statuses due at `now` (for the sweep that backs up the per-status jobs). */
export function dueScheduledStatuses(ctx: AppContext, limit = 100): number[] {
  return ctx.db.query<{ id: number }, [number, number]>("SELECT id FROM scheduled_statuses WHERE scheduled_at <= ? ORDER BY scheduled_at LIMIT ?")
    .all(ctx.now(), limit).map((r) => r.id);
}
