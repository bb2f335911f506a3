/**
 * AddAccountsToListService / RemoveAccountsFromListService: list membership, all or nothing
 * in one transaction, keeping the list feed in step (backfill on add, unmerge on remove).
 */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";
import { unsuspendedAccountIdsAmong } from "../../db/queries/accounts";
import { followedAmong } from "../../db/queries/follows";
import { deleteListAccount, insertListAccount, listMembersAmong } from "../../db/queries/list-accounts";
import { transaction } from "../../db/transaction";
import { backfillList, unmergeList } from "./feed";
import { findList } from "./find";

/**
 * Adds accounts to the owner's list: 404 when the list or an account is unknown, 422 when the
 * owner does not follow one of them or one is already a member (as Mastodon's ListAccount).
 */
export function addListAccounts(ctx: AppContext, ownerId: number, rawListId: unknown, rawIds: string[]): void {
  const ids = rawIds.map((r) => parseId(r));
  const db = ctx.db;
  transaction(db, () => {
    const list = findList(ctx, ownerId, rawListId);
    if (ids.some((x) => x === undefined)) throw new ApiError(404, "Record not found");
    const unique = [...new Set(ids as number[])];
    const known = unsuspendedAccountIdsAmong(db, unique);
    if (unique.some((id) => !known.has(id))) throw new ApiError(404, "Record not found");
    const followed = followedAmong(db, ownerId, unique);
    if (unique.some((id) => !followed.has(id))) throw new ApiError(422, "Validation failed: Account follow relationship missing");
    const members = listMembersAmong(db, list.id, unique);
    if (unique.length !== ids.length || unique.some((id) => members.has(id)))
      throw new ApiError(422, "Validation failed: Account has already been taken");
    for (const id of unique) insertListAccount(db, ctx.ids.next(), list.id, id, ctx.now());
    // After all inserts: the `list` replies policy looks at the new members too.
    for (const id of unique) backfillList(ctx, list.id, id);
  });
}

/** Removes accounts from the owner's list (404 for an unknown list); non-members are ignored. */
export function removeListAccounts(ctx: AppContext, ownerId: number, rawListId: unknown, rawIds: string[]): void {
  const ids = [...new Set(rawIds.map((r) => parseId(r)).filter((x): x is number => x !== undefined))];
  transaction(ctx.db, () => {
    const list = findList(ctx, ownerId, rawListId);
    for (const id of ids) if (deleteListAccount(ctx.db, list.id, id)) unmergeList(ctx, list.id, id);
  });
}
