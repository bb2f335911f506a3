/** Mastodon's time formats. */

/** ISO 8601 with milliseconds, UTC. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** ISO date at midnight UTC (Account.created_at is rounded to the day). */
export function isoDay(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
}

/** YYYY-MM-DD (Account.last_status_at). */
export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
