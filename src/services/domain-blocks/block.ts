/**
 * BlockDomainFromAccountService / AfterBlockDomainFromAccountService and the unblock: a user
 * hides a whole remote domain.
 */
import type { AppContext } from "../../context";
import {
  deleteAccountDomainBlock,
  deleteNotificationsFromDomain,
  insertAccountDomainBlock,
  listFollowTiesWithDomain,
} from "../../db/queries/account-domain-blocks";
import { transaction } from "../../db/transaction";
import { normalizeDomain } from "../../model/domains";
import { ApiError } from "../../model/errors";
import { isLocalDomain } from "../../model/uris";
import { followRef } from "../follows/unfollow";
import { deleteFollow, deleteFollowRequest } from "../follows/rows";
import { publishFollowAnswer, publishUnfollow } from "../federation/interactions";

/** The domain as stored, or 422 as Mastodon's domain validation answers (a local domain cannot be blocked either). */
export function blockableDomain(ctx: AppContext, input: string | undefined): string {
  const d = input === undefined ? null : normalizeDomain(input);
  if (d === null || !d.includes(".") || isLocalDomain(ctx.config, d)) throw new ApiError(422, "Validation failed: Domain is invalid");
  return d;
}

/**
 * `accountId` blocks `domain`: the block row, then (as Mastodon's after-block clean-up) their
 * notifications and notification permissions from that domain go, our follows and requests to
 * its accounts are withdrawn (Undo(Follow) enqueued) and theirs to us removed (Reject(Follow)).
 * Idempotent; everything in one transaction.
 */
export function blockDomainForAccount(ctx: AppContext, accountId: number, domainInput: string | undefined): void {
  const domain = blockableDomain(ctx, domainInput);
  transaction(ctx.db, () => {
    insertAccountDomainBlock(ctx.db, ctx.ids.next(), accountId, domain, ctx.now());
    deleteNotificationsFromDomain(ctx.db, accountId, domain);
    const ties = listFollowTiesWithDomain(ctx.db, accountId, domain);
    for (const target of [...ties.following, ...ties.requested]) {
      const ref = followRef(ctx, "follows", accountId, target.id) ?? followRef(ctx, "follow_requests", accountId, target.id);
      deleteFollow(ctx, accountId, target.id);
      deleteFollowRequest(ctx, accountId, target.id);
      if (ref) publishUnfollow(ctx, accountId, target, ref);
    }
    for (const follower of [...ties.followers, ...ties.requestedBy]) {
      const ref = followRef(ctx, "follows", follower.id, accountId) ?? followRef(ctx, "follow_requests", follower.id, accountId);
      deleteFollow(ctx, follower.id, accountId);
      deleteFollowRequest(ctx, follower.id, accountId);
      if (ref) publishFollowAnswer(ctx, "Reject", accountId, follower, ref);
    }
  });
}

/** Removes `accountId`'s block of `domain` (422 for a domain that is not valid; nothing comes back that the block removed). */
export function unblockDomainForAccount(ctx: AppContext, accountId: number, domainInput: string | undefined): void {
  const domain = blockableDomain(ctx, domainInput);
  transaction(ctx.db, () => {
    deleteAccountDomainBlock(ctx.db, accountId, domain);
  });
}
