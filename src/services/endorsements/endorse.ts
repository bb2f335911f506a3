/**
 * Featured profiles (Mastodon's AccountPin, "endorsements"): a user features accounts they
 * follow on their own profile. Both writes are idempotent; nothing federates (Mastodon keeps
 * endorsements local) and no notification is sent.
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { validation } from "../../model/errors";

/** Mastodon's words for featuring someone you do not follow (also covers yourself). */
export const NOT_FOLLOWING = "You must be already following the person you want to endorse";

/** Features `target` on `accountId`'s profile; 422 unless `accountId` follows it. Idempotent. */
export function endorseAccount(ctx: AppContext, accountId: number, target: AccountRow): void {
  ctx.db.transaction(() => {
    const following = ctx.db.query("SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?").get(accountId, target.id);
    if (!following || target.id === accountId) throw validation(NOT_FOLLOWING);
    ctx.db
      .query("INSERT OR IGNORE INTO endorsements (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
      .run(ctx.ids.next(), accountId, target.id, ctx.now());
  }).immediate();
}

/** Stops featuring `target` on `accountId`'s profile; nothing happens when it was not featured. */
export function unendorseAccount(ctx: AppContext, accountId: number, target: AccountRow): void {
  ctx.db.transaction(() => removeEndorsement(ctx, accountId, target.id)).immediate();
}

/** Deletes the endorsement row, if any; call inside a service's transaction (e.g. on unfollow). */
export function removeEndorsement(ctx: AppContext, accountId: number, targetId: number): void {
  ctx.db.query("DELETE FROM endorsements WHERE account_id = ? AND target_account_id = ?").run(accountId, targetId);
}
