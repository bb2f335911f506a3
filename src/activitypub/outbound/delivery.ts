/**
 * Durable delivery (owner: signatures helper). Services call these INSIDE their transaction;
 * the activity JSON is built by the caller. Stage 1 job `ap.fanout` resolves unique inboxes
 * (shared inbox first), stage 2 job `ap.deliver` signs and POSTs to one inbox with backoff;
 * a per-host tracker stops delivery to hosts failing for days.
 */
import type { AppContext } from "../../context";

/** Payload of `ap.fanout`. */
export interface FanoutPayload {
  senderId: number;
  activity: Record<string, unknown>;
  /** Include the sender's remote followers. */
  followers: boolean;
  accountIds?: number[];
  inboxes?: string[];
}

/** Payload of `ap.deliver`. */
export interface DeliverPayload {
  senderId: number;
  inbox: string;
  activity: Record<string, unknown>;
}

/** Delivers `activity` from local account `senderId` to all its followers' inboxes (plus `alsoTo` account ids / inbox URLs). */
export function deliverToFollowers(ctx: AppContext, senderId: number, activity: Record<string, unknown>, alsoTo: { accountIds?: number[]; inboxes?: string[] } = {}): void {
  const payload: FanoutPayload = { senderId, activity, followers: true, accountIds: alsoTo.accountIds ?? [], inboxes: alsoTo.inboxes ?? [] };
  ctx.jobs.enqueue("ap.fanout", payload);
}

/** Delivers `activity` from local account `senderId` to specific remote accounts (their inboxes). */
export function deliverToAccounts(ctx: AppContext, senderId: number, activity: Record<string, unknown>, accountIds: number[]): void {
  if (!accountIds.length) return;
  const payload: FanoutPayload = { senderId, activity, followers: false, accountIds };
  ctx.jobs.enqueue("ap.fanout", payload);
}

// Per-host failure tracker (Mastodon's DeliveryFailureTracker): a host that fails on
// UNAVAILABLE_AFTER_DAYS distinct days without a success in between is skipped until it
// answers again (a delivery succeeds, or it sends us a request).

const DAY_MS = 24 * 3600_000;
/** Distinct failing days after which a host counts as unavailable. */
export const UNAVAILABLE_AFTER_DAYS = 7;

/** The tracker's key for a URL or host: the lower-case host with its port. */
export function hostKey(urlOrHost: string): string {
  try { return new URL(urlOrHost.includes("://") ? urlOrHost : `http://${urlOrHost}`).host.toLowerCase(); } catch { return urlOrHost.toLowerCase(); }
}

/** Forgets a host's failures (call on any successful delivery or inbound request from it). */
export function markHostAlive(ctx: AppContext, host: string): void {
  const h = hostKey(host);
  // Reads are cheap; only write when there is something to clear.
  if (ctx.db.query("SELECT 1 FROM delivery_failures WHERE host = ?").get(h)) ctx.db.query("DELETE FROM delivery_failures WHERE host = ?").run(h);
}

/** Records one failed delivery to a host. */
export function recordHostFailure(ctx: AppContext, host: string): void {
  const t = ctx.now();
  const newDay = `(CASE WHEN $t / ${DAY_MS} > last_failure_at / ${DAY_MS} THEN 1 ELSE 0 END)`;
  ctx.db.query(
    `INSERT INTO delivery_failures (host, failing_since, last_failure_at, failures, failure_days, unavailable)
     VALUES ($host, $t, $t, 1, 1, ${UNAVAILABLE_AFTER_DAYS <= 1 ? 1 : 0})
     ON CONFLICT (host) DO UPDATE SET failures = failures + 1,
       failure_days = failure_days + ${newDay},
       unavailable = CASE WHEN failure_days + ${newDay} >= ${UNAVAILABLE_AFTER_DAYS} THEN 1 ELSE unavailable END,
       last_failure_at = max(last_failure_at, $t)`,
  ).run({ host: hostKey(host), t });
}

/** True when deliveries to the host are currently skipped. */
export function isHostUnavailable(ctx: AppContext, host: string): boolean {
  return !!ctx.db.query("SELECT 1 FROM delivery_failures WHERE host = ? AND unavailable = 1").get(hostKey(host));
}

/** All hosts currently skipped. */
export function unavailableHosts(ctx: AppContext): Set<string> {
  return new Set(ctx.db.query<{ host: string }, []>("SELECT host FROM delivery_failures WHERE unavailable = 1").all().map((r) => r.host));
}
