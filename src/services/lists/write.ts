/**
 * CreateListService / UpdateListService / DeleteListService: a user's lists, validated and
 * written in one transaction each. Deleting a list drops its members and feed (cascade).
 */
import type { AppContext } from "../../context";
import { countLists, deleteList as deleteListRow, insertList, updateList as updateListRow } from "../../db/queries/lists";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { findList, REPLIES_POLICIES, type ListRow, type RepliesPolicy } from "./find";

/** Mastodon's List::PER_ACCOUNT_LIMIT. */
export const LISTS_PER_ACCOUNT = 50;
/** Longest title we keep. */
export const TITLE_MAX = 256;

export interface ListInput {
  title?: string;
  repliesPolicy?: string;
  exclusive?: boolean;
}

function checkTitle(title: string | undefined): string {
  const t = (title ?? "").trim();
  if (t === "") throw new ApiError(422, "Validation failed: Title can't be blank");
  if ([...t].length > TITLE_MAX) throw new ApiError(422, `Validation failed: Title is too long (maximum is ${TITLE_MAX} characters)`);
  return t;
}

function checkPolicy(p: string | undefined, dflt: RepliesPolicy): RepliesPolicy {
  if (p === undefined) return dflt;
  if (!(REPLIES_POLICIES as readonly string[]).includes(p))
    throw new ApiError(422, "Validation failed: Replies policy is not included in the list");
  return p as RepliesPolicy;
}

/** Creates a list for `ownerId` (title required, replies_policy defaults to `list`). */
export function createList(ctx: AppContext, ownerId: number, input: ListInput): ListRow {
  const title = checkTitle(input.title);
  const policy = checkPolicy(input.repliesPolicy, "list");
  return transaction(ctx.db, () => {
    const n = countLists(ctx.db, ownerId);
    if (n >= LISTS_PER_ACCOUNT) throw new ApiError(422, "Validation failed: You have reached the maximum number of lists");
    const t = ctx.now();
    return insertList(ctx.db, {
      id: ctx.ids.next(),
      account_id: ownerId,
      title,
      replies_policy: policy,
      exclusive: input.exclusive ? 1 : 0,
      created_at: t,
    });
  });
}

/** Changes the given fields of the owner's list `rawId` (404 for anyone else's). */
export function updateList(ctx: AppContext, ownerId: number, rawId: unknown, input: ListInput): ListRow {
  return transaction(ctx.db, () => {
    const list = findList(ctx, ownerId, rawId);
    const title = input.title === undefined ? list.title : checkTitle(input.title);
    const policy = checkPolicy(input.repliesPolicy, list.replies_policy);
    const exclusive = input.exclusive === undefined ? list.exclusive : input.exclusive ? 1 : 0;
    return updateListRow(ctx.db, list.id, { title, replies_policy: policy, exclusive }, ctx.now());
  });
}

/** Deletes the owner's list `rawId` with its members and feed (404 for anyone else's). */
export function deleteList(ctx: AppContext, ownerId: number, rawId: unknown): void {
  transaction(ctx.db, () => {
    const list = findList(ctx, ownerId, rawId);
    deleteListRow(ctx.db, list.id);
  });
}
