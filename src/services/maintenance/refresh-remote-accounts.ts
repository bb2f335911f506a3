/**
 * Keeps the remote accounts local users care about fresh (Mastodon refetches a stale account when
 * it is seen): enqueues `ap.refresh_account` for a bounded number of remote accounts that a local
 * account follows or is followed by, or mentioned lately, and that were fetched over a day ago.
 */
import type { AppContext } from "../../context";
import { listStaleRemoteAccountsOfInterest } from "../../db/queries/accounts-remote";
import { transaction } from "../../db/transaction";
import { SEQ } from "../../model/ids";
import { STALE_MS } from "../federation/resolve-account";

/** Accounts refreshed per run (the job runs hourly). */
export const REFRESH_BATCH = 25;
const MENTION_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** Enqueues refreshes of up to `limit` stale accounts; returns their ids. */
export function refreshStaleRemoteAccounts(ctx: AppContext, limit = REFRESH_BATCH): number[] {
  const t = ctx.now();
  return transaction(ctx.db, () => {
    const rows = listStaleRemoteAccountsOfInterest(ctx.db, t - STALE_MS, (t - MENTION_WINDOW_MS) * SEQ, limit);
    for (const a of rows) ctx.jobs.enqueue("ap.refresh_account", { uri: a.uri });
    return rows.map((a) => a.id);
  });
}
