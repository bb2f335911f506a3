/**
 * Durable delivery (owner: signatures helper). Services call these INSIDE their transaction;
 * the activity JSON is built by the caller. Stage 1 job `ap.fanout` resolves unique inboxes
 * (shared inbox first), stage 2 job `ap.deliver` signs and POSTs to one inbox with backoff;
 * a per-host tracker stops delivery to hosts failing for days.
 */
import type { AppContext } from "../../context";
import { clearHostFailures, isHostMarkedUnavailable, listUnavailableHosts, recordHostFailureAt } from "../../db/queries/delivery-failures";

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
export function deliverToFollowers(
  ctx: AppContext,
  senderId: number,
  activity: Record<string, unknown>,
  alsoTo: { accountIds?: number[]; inboxes?: string[] } = {},
): void {
  const payload: FanoutPayload = {
    senderId,
    activity,
    followers: true,
    accountIds: alsoTo.accountIds ?? [],
    inboxes: alsoTo.inboxes ?? [],
  };
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

/** Distinct failing days after which a host counts as unavailable. */
export const UNAVAILABLE_AFTER_DAYS = 7;

/** The tracker's key for a URL or host: the lower-case host with its port. */
export function hostKey(urlOrHost: string): string {
  try {
    return new URL(urlOrHost.includes("://") ? urlOrHost : `http://${urlOrHost}`).host.toLowerCase();
  } catch {
    return urlOrHost.toLowerCase();
  }
}

/** Forgets a host's failures (call on any successful delivery or inbound request from it). */
export function markHostAlive(ctx: AppContext, host: string): void {
  const h = hostKey(host);
  // Reads are cheap; only write when there is something to clear.
  clearHostFailures(ctx.db, h);
}

/** Records one failed delivery to a host. */
export function recordHostFailure(ctx: AppContext, host: string): void {
  recordHostFailureAt(ctx.db, hostKey(host), ctx.now(), UNAVAILABLE_AFTER_DAYS);
}

/** True when deliveries to the host are currently skipped. */
export function isHostUnavailable(ctx: AppContext, host: string): boolean {
  return isHostMarkedUnavailable(ctx.db, hostKey(host));
}

/** All hosts currently skipped. */
export function unavailableHosts(ctx: AppContext): Set<string> {
  return new Set(listUnavailableHosts(ctx.db));
}
