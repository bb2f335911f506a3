/** Usage numbers for the instance and NodeInfo endpoints, each in one query. */
import type { AppContext } from "../../context";
import { countPeerDomains, listPeerDomains } from "../../db/queries/accounts-remote";
import { getSetting } from "../../db/queries/settings";
import { countLocalPosts } from "../../db/queries/statuses";
import { countActiveUsersSince, countLoginCapableUsers } from "../../db/queries/users";

const DAY = 24 * 3600_000;

/** Local users able to log in. */
export function userCount(ctx: AppContext): number {
  return countLoginCapableUsers(ctx.db);
}

/**
 * Local users active within `days`: they posted, used a token, had a browser session or signed up
 * in the window (Hearth has no per-request sign-in log).
 */
export function activeUsers(ctx: AppContext, days: number): number {
  return countActiveUsersSince(ctx.db, ctx.now() - days * DAY);
}

/** Statuses written by local accounts (reblogs excluded). */
export function localPostCount(ctx: AppContext): number {
  return countLocalPosts(ctx.db);
}

/** Distinct remote domains we know accounts on. */
export function peerDomains(ctx: AppContext): string[] {
  return listPeerDomains(ctx.db);
}

/** How many distinct remote domains we know accounts on. */
export function peerCount(ctx: AppContext): number {
  return countPeerDomains(ctx.db);
}

/** A value from the settings table, or null. */
export function setting(ctx: AppContext, key: string): string | null {
  return getSetting(ctx.db, key) ?? null;
}

/** How long the usage numbers shown by the instance documents and NodeInfo are kept (Mastodon caches them for minutes too). */
export const USAGE_REFRESH_MS = 3 * 60_000;

/** The usage numbers of the instance documents and NodeInfo, counted at `at`. */
export interface UsageSnapshot {
  at: number;
  userCount: number;
  statusCount: number;
  domainCount: number;
  activeMonth: number;
  activeHalfyear: number;
}

const snapshots = new WeakMap<AppContext, UsageSnapshot>();

/** Counts every usage number now (five queries). */
export function countUsage(ctx: AppContext): UsageSnapshot {
  return {
    at: ctx.now(),
    userCount: userCount(ctx),
    statusCount: localPostCount(ctx),
    domainCount: peerCount(ctx),
    activeMonth: activeUsers(ctx, 30),
    activeHalfyear: activeUsers(ctx, 180),
  };
}

/**
 * The usage numbers, counted again once USAGE_REFRESH_MS has passed on the context's clock
 * (not per request: on a big database the counts cost milliseconds).
 */
export function usage(ctx: AppContext): UsageSnapshot {
  const s = snapshots.get(ctx);
  const now = ctx.now();
  if (s && now >= s.at && now - s.at < USAGE_REFRESH_MS) return s;
  const next = countUsage(ctx);
  snapshots.set(ctx, next);
  return next;
}
