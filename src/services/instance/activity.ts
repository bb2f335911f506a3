/** Weekly activity for GET /api/v1/instance/activity: 12 weeks, newest first, in three queries. */
import type { AppContext } from "../../context";
import { countLocalStatusesByWeek } from "../../db/queries/statuses";
import { countLoginsByWeek, countRegistrationsByWeek } from "../../db/queries/users";
import { SEQ } from "../../model/ids";

const WEEK = 7 * 24 * 3600_000;

/** Midnight UTC of the Monday that starts the week containing `t`. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * 24 * 3600_000;
}

/** The Mastodon activity entries: `{week, statuses, logins, registrations}` as strings. */
export function weeklyActivity(ctx: AppContext, weeks = 12): { week: string; statuses: string; logins: string; registrations: string }[] {
  const current = weekStart(ctx.now());
  const first = current - (weeks - 1) * WEEK;
  const w = { first, week: WEEK, firstId: first * SEQ };
  const statuses = countLocalStatusesByWeek(ctx.db, w);
  const registrations = countRegistrationsByWeek(ctx.db, w);
  const logins = countLoginsByWeek(ctx.db, w);
  const out = [];
  for (let i = weeks - 1; i >= 0; i--) {
    out.push({
      week: String(Math.floor((first + i * WEEK) / 1000)),
      statuses: String(statuses.get(i) ?? 0),
      logins: String(logins.get(i) ?? 0),
      registrations: String(registrations.get(i) ?? 0),
    });
  }
  return out;
}
