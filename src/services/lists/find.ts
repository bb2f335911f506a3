/** Reading lists: the row type, and finding a list of its owner (404 for anyone else's). */
import type { AppContext } from "../../context";
import { getOwnedList, listListsContaining, listListsOf } from "../../db/queries/lists";
import type { ListRow, RepliesPolicy } from "../../db/rows";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";

export type { ListRow, RepliesPolicy } from "../../db/rows";
export const REPLIES_POLICIES: readonly RepliesPolicy[] = ["followed", "list", "none"];

/** The list `rawId` owned by `ownerId`; 404 "Record not found" when unknown or someone else's. */
export function findList(ctx: AppContext, ownerId: number, rawId: unknown): ListRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getOwnedList(ctx.db, id, ownerId);
  if (!row) throw new ApiError(404, "Record not found");
  return row;
}

/** The owner's lists, oldest first. */
export function listsOf(ctx: AppContext, ownerId: number): ListRow[] {
  return listListsOf(ctx.db, ownerId);
}

/** The owner's lists that contain `accountId`, oldest first. */
export function listsContaining(ctx: AppContext, ownerId: number, accountId: number): ListRow[] {
  return listListsContaining(ctx.db, ownerId, accountId);
}
