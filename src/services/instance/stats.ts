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
