/** Scheduled status row → Mastodon ScheduledStatus entity. */
import type { AppContext } from "../../context";
import type { MediaRow } from "../../db/rows";
import { toMastodonMedia } from "./media";
import { iso } from "./time";

/** A scheduled_statuses row (params: Mastodon's params hash as JSON). */
export interface ScheduledStatusRow {
  id: number;
  account_id: number;
  scheduled_at: number;
  params: string;
  idempotency_key: string | null;
  created_at: number;
}

const PARAM_KEYS = [
  "text",
  "poll",
  "media_ids",
  "sensitive",
  "spoiler_text",
  "visibility",
  "in_reply_to_id",
  "language",
  "application_id",
  "scheduled_at",
  "idempotency",
  "with_rate_limit",
] as const;

/** The ScheduledStatus entity; `media` are its attachments in posting order. */
export function toMastodonScheduledStatus(ctx: AppContext, row: ScheduledStatusRow, media: MediaRow[]): Record<string, unknown> {
  let stored: Record<string, unknown> = {};
  try {
    stored = JSON.parse(row.params) ?? {};
  } catch {
    /* empty */
  }
  const params: Record<string, unknown> = {};
  for (const k of PARAM_KEYS) params[k] = stored[k] ?? (k === "with_rate_limit" ? false : null);
  return {
    id: String(row.id),
    scheduled_at: iso(row.scheduled_at),
    params,
    media_attachments: media.map((m) => toMastodonMedia(ctx, m)),
  };
}
