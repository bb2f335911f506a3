/**
 * AddAccountsToListService / RemoveAccountsFromListService: list membership, all or nothing
 * in one transaction, keeping the list feed in step (backfill on add, unmerge on remove).
 */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";
import { selectIn } from "../../db/sql";
import { backfillList, unmergeList } from "./feed";
import { findList } from "./find";

function idSet(ctx: AppContext, sql: (ph: string) => string, ids: number[], extra?: number): Set<number> {
  return new Set(selectIn<{ id: number }>(ctx.db, sql, ids, extra === undefined ? [] : [extra]).map((r) => r.id));
}

/**
 * Adds accounts to the owner's list: 404 when the list or an account is unknown, 422 when the
 * owner does not follow one of them or one is already a member (as Mastodon's ListAccount).
 */
export function addListAccounts(ctx: AppContext, ownerId: number, rawListId: unknown, rawIds: string[]): void {
  const ids = rawIds.map((r) => parseId(r));
  const db = ctx.db;
  db.transaction(() => {
    const list = findList(ctx, ownerId, rawListId);
    if (ids.some((x) => x === undefined)) throw new ApiError(404, "Record not found");
    const unique = [...new Set(ids as number[])];
    const known = idSet(ctx, (ph) => `SELECT id FROM accounts WHERE id IN (${ph}) AND suspended_at IS NULL`, unique);
    if (unique.some((id) => !known.has(id))) throw new ApiError(404, "Record not found");
    const followed = idSet(ctx, (ph) => `SELECT target_account_id AS id FROM follows WHERE account_id = ? AND target_account_id IN (${ph})`, unique, ownerId);
    if (unique.some((id) => !followed.has(id))) throw new ApiError(422, "Validation failed: Account follow relationship missing");
    const members = idSet(ctx, (ph) => `SELECT account_id AS id FROM list_accounts WHERE list_id = ? AND account_id IN (${ph})`, unique, list.id);
    if (unique.length !== ids.length || unique.some((id) => members.has(id))) throw new ApiError(422, "Validation failed: Account has already been taken");
    const ins = db.query("INSERT INTO list_accounts (id, list_id, account_id, created_at) VALUES (?, ?, ?, ?)");
    for (const id of unique) ins.run(ctx.ids.next(), list.id, id, ctx.now());
    // After all inserts: the `list` replies policy looks at the new members too.
    for (const id of unique) backfillList(ctx, list.id, id);
  }).immediate();
}

/** Removes accounts from the owner's list (404 for an unknown list); non-members are ignored. */
export function removeListAccounts(ctx: AppContext, ownerId: number, rawListId: unknown, rawIds: string[]): void {
  const ids = [...new Set(rawIds.map((r) => parseId(r)).filter((x): x is number => x !== undefined))];
  ctx.db.transaction(() => {
    const list = findList(ctx, ownerId, rawListId);
    const del = ctx.db.query("DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?");
    for (const id of ids) if (del.run(list.id, id).changes > 0) unmergeList(ctx, list.id, id);
  }).immediate();
}
