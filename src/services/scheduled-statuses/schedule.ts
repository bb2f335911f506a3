/**
 * Scheduling a status (POST /api/v1/statuses with a future `scheduled_at`): checks the post
 * the way posting it would, stores Mastodon's params, attaches the uploads to it and enqueues
 * the `scheduled_status.publish` job for its time, in one transaction.
 */
import type { AppContext } from "../../context";
import { attachMediaToScheduledStatus } from "../../db/queries/media-attachments";
import { findScheduledStatusIdByKey, insertScheduledStatus } from "../../db/queries/scheduled-statuses";
import { transaction } from "../../db/transaction";
import { ApiError, validation } from "../../model/errors";
import { visibilityCode } from "../../model/visibility";
import { validatePollInput } from "../polls/validate";
import { checkText, findVisibleStatus, resolveMedia, userPrefs } from "../statuses/common";
import type { CreateStatusInput } from "../statuses/create";
import { checkSchedule } from "./rules";
import { safeguardTextMentions } from "../statuses/allowed-mentions";

const IDEMPOTENCY_MS = 60 * 60 * 1000;
/** The job that posts a scheduled status when it is due. */
export const PUBLISH_JOB = "scheduled_status.publish";

/** Mastodon's ScheduledStatus `params` (what the status will be posted with). */
export interface ScheduledParams {
  text: string | null;
  poll: { options: string[]; expires_in: number; multiple: boolean; hide_totals: boolean } | null;
  media_ids: string[] | null;
  sensitive: boolean | null;
  spoiler_text: string | null;
  visibility: string | null;
  in_reply_to_id: string | null;
  language: string | null;
  application_id: string | null;
  scheduled_at: null;
  idempotency: null;
  with_rate_limit: boolean;
  /** Kept for posting time, as Mastodon keeps every option (not shown in the entity). */
  allowed_mentions?: string[] | null;
}

/**
 * Stores a status to be posted at `at` (ms) for `accountId` and returns the scheduled status
 * id; with an idempotency key seen within the hour, returns the earlier one. 422 when the post
 * or the time is invalid (see checkSchedule), 404 for an invisible reply target.
 */
export function scheduleStatus(ctx: AppContext, accountId: number, input: CreateStatusInput, appId: number | null, at: number): number {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const key = input.idempotencyKey?.slice(0, 255);
    if (key) {
      const prev = findScheduledStatusIdByKey(db, accountId, key, ctx.now() - IDEMPOTENCY_MS);
      if (prev !== null) return prev;
    }
    let replyId: string | null = null;
    if (input.inReplyToId !== undefined && input.inReplyToId !== "") {
      try {
        replyId = String(findVisibleStatus(ctx, input.inReplyToId, accountId).id);
      } catch {
        throw new ApiError(404, "The post you are trying to reply to does not appear to exist.");
      }
    }
    const poll = input.poll !== undefined && input.poll !== null && input.poll !== "" ? validatePollInput(input.poll) : null;
    const { settings } = userPrefs(ctx, accountId);
    if (visibilityCode(input.visibility ?? settings.default_privacy ?? "public") === undefined)
      throw validation("Visibility is not included in the list");
    const media = resolveMedia(ctx, accountId, input.mediaIds ?? [], null);
    const taken = media.filter((m) => (m as { scheduled_status_id?: number | null }).scheduled_status_id != null);
    if (taken.length) throw new ApiError(422, `Media ${taken.map((m) => m.id).join(", ")} not found or already attached to another post`);
    checkText(input.text ?? "", input.spoilerText ?? "", media.length > 0);
    if (poll && media.length) throw validation("Cannot attach files to a status with a poll");
    checkSchedule(ctx, accountId, at);
    // Mastodon checks only when posting (and then drops the post); refusing now tells the client.
    safeguardTextMentions(ctx, input.allowedMentions, input.text ?? "");

    const params: ScheduledParams = {
      text: input.text ?? null,
      poll: poll && { options: poll.options, expires_in: poll.expiresIn, multiple: poll.multiple, hide_totals: poll.hideTotals },
      media_ids: media.length ? media.map((m) => String(m.id)) : null,
      sensitive: input.sensitive ?? null,
      spoiler_text: input.spoilerText ?? null,
      visibility: input.visibility ?? null,
      in_reply_to_id: replyId,
      language: input.language || null,
      application_id: appId === null ? null : String(appId),
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
      allowed_mentions: input.allowedMentions ?? null,
    };
    const id = ctx.ids.next();
    insertScheduledStatus(db, {
      id,
      account_id: accountId,
      scheduled_at: at,
      params: JSON.stringify(params),
      idempotency_key: key ?? null,
      created_at: ctx.now(),
    });
    for (const m of media) attachMediaToScheduledStatus(db, m.id, id, ctx.now());
    ctx.jobs.enqueue(PUBLISH_JOB, { id }, { runAt: at });
    return id;
  });
}
