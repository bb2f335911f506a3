/**
 * Durable delivery (owner: signatures helper). Services call these INSIDE their transaction;
 * the activity JSON is built by the caller. Stage 1 job `ap.fanout` resolves unique inboxes
 * (shared inbox first), stage 2 job `ap.deliver` signs and POSTs to one inbox with backoff;
 * a per-host tracker stops delivery to hosts failing for days.
 */
import type { AppContext } from "../context";

/** Delivers `activity` from local account `senderId` to all its followers' inboxes (plus `alsoTo` account ids / inbox URLs). */
export function deliverToFollowers(ctx: AppContext, senderId: number, activity: Record<string, unknown>, alsoTo: { accountIds?: number[]; inboxes?: string[] } = {}): void {
  void ctx; void senderId; void activity; void alsoTo;
  throw new Error("deliverToFollowers: not implemented");
}

/** Delivers `activity` from local account `senderId` to specific remote accounts (their inboxes). */
export function deliverToAccounts(ctx: AppContext, senderId: number, activity: Record<string, unknown>, accountIds: number[]): void {
  void ctx; void senderId; void activity; void accountIds;
  throw new Error("deliverToAccounts: not implemented");
}
