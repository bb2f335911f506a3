/** Weekly activity for GET /api/v1/instance/activity: 12 weeks, newest first, in three queries. */
import type { AppContext } from "../../context";
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
  const args = { first, week: WEEK, firstId: first * SEQ };
  const byWeek = (sql: string) => new Map(ctx.db.query<{ w: number; n: number }, typeof args>(sql).all(args).map((r) => [r.w, r.n]));
  const statuses = byWeek(
    // ids encode creation time: the (account_id, id) index bounds the scan to recent local posts
    "SELECT (created_at - $first) / $week AS w, count(*) AS n FROM statuses WHERE account_id IN (SELECT id FROM accounts WHERE domain IS NULL) AND id >= $firstId GROUP BY w",
  );
  const registrations = byWeek("SELECT (created_at - $first) / $week AS w, count(*) AS n FROM users WHERE created_at >= $first GROUP BY w");
  const logins = byWeek(
    `SELECT w, count(DISTINCT user_id) AS n FROM (
       SELECT (created_at - $first) / $week AS w, user_id FROM oauth_access_tokens WHERE user_id IS NOT NULL AND created_at >= $first
       UNION ALL SELECT (created_at - $first) / $week AS w, user_id FROM web_sessions WHERE created_at >= $first
     ) GROUP BY w`,
  );
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
