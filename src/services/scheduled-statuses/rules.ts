/**
 * Mastodon's rules for scheduled statuses: how `scheduled_at` is read, how far ahead it must
 * be, and how many an account may have pending (in total and for one day).
 */
import type { AppContext } from "../../context";
import { countScheduledStatuses, getScheduledStatusOfAccount } from "../../db/queries/scheduled-statuses";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import type { ScheduledStatusRow } from "../../serializers/mastodon/scheduled-status";

/** A scheduled status must be at least this far in the future (Mastodon's MIN_SCHEDULE_OFFSET). */
export const MIN_OFFSET_MS = 5 * 60 * 1000;
/** Most pending scheduled statuses per account. */
export const TOTAL_LIMIT = 300;
/** Most scheduled statuses per account for one (UTC) day. */
export const DAILY_LIMIT = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads an ISO 8601 date or date-time (no zone means UTC, as Ruby's to_datetime) into
 * milliseconds; 422 for anything else.
 */
export function parseScheduledAt(raw: string): number {
  const m = ISO.exec(raw.trim());
  const bad = () => validation("Scheduled at is invalid");
  if (!m) throw bad();
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  let t = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, ms);
  const check = new Date(t);
  if (check.getUTCFullYear() !== +y! || check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59)
    throw bad();
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0")) * 60 * 1000;
  }
  if (!Number.isFinite(t)) throw bad();
  return t;
}

/**
 * The time to schedule at for a POST /api/v1/statuses `scheduled_at`, or null when the status
 * is to be posted now (no value, or a time already past, as Mastodon does).
 */
export function scheduleTime(ctx: AppContext, raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === "") return null;
  const t = parseScheduledAt(raw);
  return t <= ctx.now() ? null : t;
}

/**
 * 422 when `at` is less than five minutes ahead or the account is at its total or daily
 * limit (`exceptId`: the scheduled status being moved, not counted).
 */
export function checkSchedule(ctx: AppContext, accountId: number, at: number, exceptId = 0): void {
  if (at < ctx.now() + MIN_OFFSET_MS) throw validation("Scheduled at The scheduled date must be in the future");
  const dayStart = Math.floor(at / DAY_MS) * DAY_MS;
  const n = countScheduledStatuses(ctx.db, accountId, dayStart, dayStart + DAY_MS, exceptId);
  if (n.total >= TOTAL_LIMIT) throw validation(`You have exceeded the limit of ${TOTAL_LIMIT} scheduled posts`);
  if (n.day >= DAILY_LIMIT) throw validation(`You have exceeded the limit of ${DAILY_LIMIT} scheduled posts for today`);
}

/** The account's scheduled status with this client-supplied id; 404 for anything else. */
export function findOwnScheduledStatus(ctx: AppContext, accountId: number, rawId: unknown): ScheduledStatusRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getScheduledStatusOfAccount(ctx.db, id, accountId);
  if (!row) throw notFound();
  return row;
}
