/** Usage numbers for the instance and NodeInfo endpoints, each in one query. */
import type { AppContext } from "../../context";

const DAY = 24 * 3600_000;

/** Local users able to log in. */
export function userCount(ctx: AppContext): number {
  return ctx.db.query<{ n: number }, []>(
    "SELECT count(*) AS n FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.approved = 1 AND u.disabled = 0 AND a.suspended_at IS NULL",
  ).get()!.n;
}

/**
 * Local users active within `days`: they posted, used a token, had a browser session or signed up
 * in the window (Hearth has no per-request sign-in log).
 */
export function activeUsers(ctx: AppContext, days: number): number {
  const since = ctx.now() - days * DAY;
  return ctx.db.query<{ n: number }, { since: number }>(
    `SELECT count(*) AS n FROM users u JOIN accounts a ON a.id = u.account_id
     WHERE u.approved = 1 AND u.disabled = 0 AND a.suspended_at IS NULL AND (
       u.created_at >= $since OR a.last_status_at >= $since
       OR EXISTS (SELECT 1 FROM oauth_access_tokens t WHERE t.user_id = u.id AND (t.last_used_at >= $since OR t.created_at >= $since))
       OR EXISTS (SELECT 1 FROM web_sessions w WHERE w.user_id = u.id AND w.last_seen_at >= $since))`,
  ).get({ since })!.n;
}

/**
 * Statuses written by local accounts (reblogs excluded). Walks the (account_id, id) index of the
 * few local accounts, so the cost follows local posts, not the whole (mostly remote) table.
 */
export function localPostCount(ctx: AppContext): number {
  return ctx.db.query<{ n: number }, []>(
    "SELECT count(*) AS n FROM statuses WHERE account_id IN (SELECT id FROM accounts WHERE domain IS NULL) AND reblog_of_id IS NULL",
  ).get()!.n;
}

/** Distinct remote domains we know accounts on. */
export function peerDomains(ctx: AppContext): string[] {
  return ctx.db.query<{ domain: string }, []>("SELECT DISTINCT lower(domain) AS domain FROM accounts WHERE domain IS NOT NULL ORDER BY 1").all().map((r) => r.domain);
}

/** How many distinct remote domains we know accounts on. */
export function peerCount(ctx: AppContext): number {
  return ctx.db.query<{ n: number }, []>("SELECT count(DISTINCT lower(domain)) AS n FROM accounts WHERE domain IS NOT NULL").get()!.n;
}

/** A value from the settings table, or null. */
export function setting(ctx: AppContext, key: string): string | null {
  return ctx.db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(key)?.value ?? null;
}
