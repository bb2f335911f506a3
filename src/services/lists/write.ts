/**
 * CreateListService / UpdateListService / DeleteListService: a user's lists, validated and
 * written in one transaction each. Deleting a list drops its members and feed (cascade).
 */
import type { AppContext } from "../../context";
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
  if (!(REPLIES_POLICIES as readonly string[]).includes(p)) throw new ApiError(422, "Validation failed: Replies policy is not included in the list");
  return p as RepliesPolicy;
}

/** Creates a list for `ownerId` (title required, replies_policy defaults to `list`). */
export function createList(ctx: AppContext, ownerId: number, input: ListInput): ListRow {
  const title = checkTitle(input.title);
  const policy = checkPolicy(input.repliesPolicy, "list");
  return ctx.db.transaction(() => {
    const n = ctx.db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM lists WHERE account_id = ?").get(ownerId)!.n;
    if (n >= LISTS_PER_ACCOUNT) throw new ApiError(422, "Validation failed: You have reached the maximum number of lists");
    const t = ctx.now();
    return ctx.db
      .query<ListRow, [number, number, string, string, number, number, number]>(
        "INSERT INTO lists (id, account_id, title, replies_policy, exclusive, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
      )
      .get(ctx.ids.next(), ownerId, title, policy, input.exclusive ? 1 : 0, t, t)!;
  }).immediate();
}

/** Changes the given fields of the owner's list `rawId` (404 for anyone else's). */
export function updateList(ctx: AppContext, ownerId: number, rawId: unknown, input: ListInput): ListRow {
  return ctx.db.transaction(() => {
    const list = findList(ctx, ownerId, rawId);
    const title = input.title === undefined ? list.title : checkTitle(input.title);
    const policy = checkPolicy(input.repliesPolicy, list.replies_policy);
    const exclusive = input.exclusive === undefined ? list.exclusive : input.exclusive ? 1 : 0;
    return ctx.db
      .query<ListRow, [string, string, number, number, number]>(
        "UPDATE lists SET title = ?, replies_policy = ?, exclusive = ?, updated_at = ? WHERE id = ? RETURNING *",
      )
      .get(title, policy, exclusive, ctx.now(), list.id)!;
  }).immediate();
}

/** Deletes the owner's list `rawId` with its members and feed (404 for anyone else's). */
export function deleteList(ctx: AppContext, ownerId: number, rawId: unknown): void {
  ctx.db.transaction(() => {
    const list = findList(ctx, ownerId, rawId);
    ctx.db.query("DELETE FROM lists WHERE id = ?").run(list.id);
  }).immediate();
}
