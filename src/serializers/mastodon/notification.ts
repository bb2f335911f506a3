/** Loaded notification data → Mastodon Notification and Marker entities. Pure. */
import { iso } from "./time";

/** A notifications row as stored. */
export interface NotificationRow {
  id: number;
  account_id: number;
  from_account_id: number;
  type: string;
  status_id: number | null;
  created_at: number;
  /** Set for grouped types (migration 0017); null means the notification is its own group. */
  group_key?: string | null;
  /** The report of an admin.report notification (migration 0019). */
  report_id?: number | null;
  /** The warning of a moderation_warning notification (migration 0022). */
  account_warning_id?: number | null;
}

/** Types whose entity carries a `status` (Mastodon's NotificationSerializer#status_type?). */
export const STATUS_TYPES = new Set(["favourite", "reblog", "status", "mention", "poll", "update", "quote", "quoted_update"]);

/** The Mastodon Notification entity (v1, ungrouped); `warning` is the serialized AccountWarning of a moderation_warning. */
export function toMastodonNotification(
  n: NotificationRow,
  account: Record<string, unknown>,
  status: Record<string, unknown> | null,
  report?: Record<string, unknown> | null,
  warning?: Record<string, unknown> | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: String(n.id),
    type: n.type,
    created_at: iso(n.created_at),
    group_key: n.group_key ?? `ungrouped-${n.id}`,
    account,
  };
  if (STATUS_TYPES.has(n.type)) out.status = status;
  if (n.type === "admin.report") out.report = report ?? null;
  if (n.type === "moderation_warning") out.moderation_warning = warning ?? null;
  return out;
}

/**
 * JSON.stringify(toMastodonNotification(…)) from the JSON texts of its parts (cached account and
 * status text; null where the entity has null), without parsing or copying them.
 */
export function toMastodonNotificationJson(
  n: NotificationRow,
  account: string,
  status: string | null,
  report?: string | null,
  warning?: string | null,
): string {
  let out = `{"id":"${n.id}","type":${JSON.stringify(n.type)},"created_at":"${iso(n.created_at)}","group_key":${JSON.stringify(n.group_key ?? `ungrouped-${n.id}`)},"account":${account}`;
  if (STATUS_TYPES.has(n.type)) out += `,"status":${status ?? "null"}`;
  if (n.type === "admin.report") out += `,"report":${report ?? "null"}`;
  if (n.type === "moderation_warning") out += `,"moderation_warning":${warning ?? "null"}`;
  return out + "}";
}

/** A markers row as stored. */
export interface MarkerRow {
  account_id: number;
  timeline: string;
  last_read_id: number;
  version: number;
  updated_at: number;
}

/** The Mastodon Marker entity. */
export function toMastodonMarker(m: MarkerRow): Record<string, unknown> {
  return { last_read_id: String(m.last_read_id), version: m.version, updated_at: iso(m.updated_at) };
}
