/**
 * Featured profiles (Mastodon's AccountPin, "endorsements"): a user features accounts they
 * follow on their own profile. Both writes are idempotent; nothing federates (Mastodon keeps
 * endorsements local) and no notification is sent.
 */
import type { AppContext } from "../../context";
import { deleteEndorsement, insertEndorsementIfMissing } from "../../db/queries/endorsements";
import { isFollowing } from "../../db/queries/follows";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";

/** Mastodon's words for featuring someone you do not follow (also covers yourself). */
export const NOT_FOLLOWING = "You must be already following the person you want to endorse";

/** Features `target` on `accountId`'s profile; 422 unless `accountId` follows it. Idempotent. */
export function endorseAccount(ctx: AppContext, accountId: number, target: AccountRow): void {
  transaction(ctx.db, () => {
    if (!isFollowing(ctx.db, accountId, target.id) || target.id === accountId) throw validation(NOT_FOLLOWING);
    insertEndorsementIfMissing(ctx.db, ctx.ids.next(), accountId, target.id, ctx.now());
  });
}

/** Stops featuring `target` on `accountId`'s profile; nothing happens when it was not featured. */
export function unendorseAccount(ctx: AppContext, accountId: number, target: AccountRow): void {
  transaction(ctx.db, () => removeEndorsement(ctx, accountId, target.id));
}

/** Deletes the endorsement row, if any; call inside a service's transaction (e.g. on unfollow). */
export function removeEndorsement(ctx: AppContext, accountId: number, targetId: number): void {
  deleteEndorsement(ctx.db, accountId, targetId);
}
