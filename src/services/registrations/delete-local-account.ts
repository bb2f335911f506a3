/**
 * Deletes a local account and its user (admin CLI). Rows that reference the account cascade;
 * counters on other accounts and statuses are recomputed and home feeds cleaned in the same
 * transaction. Stored media files are deleted by a `media.delete_files` job; no Delete is federated yet.
 */
import type { AppContext } from "../../context";
import { placeholders } from "../../db/sql";
import { enqueueAccountFileDeletion } from "../media/cleanup";

function ids(ctx: AppContext, sql: string, id: number): number[] {
  return ctx.db.query<{ id: number }, [number]>(sql).all(id).map((r) => r.id);
}

/** Removes account `accountId` (must be local); returns false when there is no such local account. */
export function deleteLocalAccount(ctx: AppContext, accountId: number): boolean {
  const db = ctx.db;
  return db.transaction(() => {
    if (!db.query("SELECT 1 FROM accounts WHERE id = ? AND domain IS NULL").get(accountId)) return false;
    purgeAccount(ctx, accountId);
    return true;
  }).immediate();
}

/**
 * Deletes any account row (local or remote) with everything that cascades from it, fixing
 * counters and home feeds of others; enqueues the deletion of its stored files. Call inside a
 * transaction (the inbox uses it for a remote actor's Delete of itself).
 */
export function purgeAccount(ctx: AppContext, accountId: number): void {
  const db = ctx.db;
  const following = ids(ctx, "SELECT target_account_id AS id FROM follows WHERE account_id = ?", accountId);
  const followers = ids(ctx, "SELECT account_id AS id FROM follows WHERE target_account_id = ?", accountId);
  const touched = ids(ctx,
    `SELECT status_id AS id FROM favourites WHERE account_id = ?1
     UNION SELECT reblog_of_id FROM statuses WHERE account_id = ?1 AND reblog_of_id IS NOT NULL
     UNION SELECT in_reply_to_id FROM statuses WHERE account_id = ?1 AND in_reply_to_id IS NOT NULL`, accountId);
  db.query(
    `DELETE FROM home_feeds WHERE account_id = ?1 OR status_id IN (
       SELECT id FROM statuses WHERE account_id = ?1
       UNION SELECT r.id FROM statuses r JOIN statuses o ON o.id = r.reblog_of_id WHERE o.account_id = ?1)`,
  ).run(accountId);
  enqueueAccountFileDeletion(ctx, accountId);
  db.query("DELETE FROM accounts WHERE id = ?").run(accountId);
  const others = [...new Set([...following, ...followers])].filter((x) => x !== accountId);
  if (others.length) {
    db.query(
      `UPDATE accounts SET
         followers_count = (SELECT count(*) FROM follows f WHERE f.target_account_id = accounts.id),
         following_count = (SELECT count(*) FROM follows f WHERE f.account_id = accounts.id)
       WHERE id IN (${placeholders(others.length)})`,
    ).run(...others);
  }
  if (touched.length) {
    db.query(
      `UPDATE statuses SET
         favourites_count = (SELECT count(*) FROM favourites f WHERE f.status_id = statuses.id),
         reblogs_count = (SELECT count(*) FROM statuses r WHERE r.reblog_of_id = statuses.id),
         replies_count = (SELECT count(*) FROM statuses r WHERE r.in_reply_to_id = statuses.id)
       WHERE id IN (${placeholders(touched.length)})`,
    ).run(...touched);
  }
}
