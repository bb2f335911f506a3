/**
 * Deletes a local account and its user (admin CLI). Rows that reference the account cascade;
 * counters on other accounts and statuses are recomputed and home feeds cleaned in the same
 * transaction. Stored media files are deleted by a `media.delete_files` job; no Delete is federated yet.
 */
import type { AppContext } from "../../context";
import { deleteAccount, recountFollowCounts } from "../../db/queries/accounts-moderation";
import { isLocalAccount } from "../../db/queries/accounts";
import { listFollowedAccountIds, listFollowerAccountIds } from "../../db/queries/follows";
import { deleteHomeFeedRowsOfAccount } from "../../db/queries/home-feeds";
import { listStatusIdsTouchedBy, recountStatusCounters } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { enqueueAccountFileDeletion } from "../media/cleanup";

/** Removes account `accountId` (must be local); returns false when there is no such local account. */
export function deleteLocalAccount(ctx: AppContext, accountId: number): boolean {
  const db = ctx.db;
  return transaction(db, () => {
    if (!isLocalAccount(db, accountId)) return false;
    purgeAccount(ctx, accountId);
    return true;
  });
}

/**
 * Deletes any account row (local or remote) with everything that cascades from it, fixing
 * counters and home feeds of others; enqueues the deletion of its stored files. Call inside a
 * transaction (the inbox uses it for a remote actor's Delete of itself).
 */
export function purgeAccount(ctx: AppContext, accountId: number): void {
  const db = ctx.db;
  const following = listFollowedAccountIds(db, accountId);
  const followers = listFollowerAccountIds(db, accountId);
  const touched = listStatusIdsTouchedBy(db, accountId);
  deleteHomeFeedRowsOfAccount(db, accountId);
  enqueueAccountFileDeletion(ctx, accountId);
  deleteAccount(db, accountId);
  recountFollowCounts(
    db,
    [...new Set([...following, ...followers])].filter((x) => x !== accountId),
  );
  recountStatusCounters(db, touched);
}
