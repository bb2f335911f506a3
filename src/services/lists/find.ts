/** Reading lists: the row type, and finding a list of its owner (404 for anyone else's). */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";

/** A row of the lists table. */
export interface ListRow {
  id: number;
  account_id: number;
  title: string;
  replies_policy: RepliesPolicy;
  exclusive: number;
  created_at: number;
  updated_at: number;
}

/** Which replies to others a list shows (Mastodon's List#replies_policy). */
export type RepliesPolicy = "followed" | "list" | "none";
export const REPLIES_POLICIES: readonly RepliesPolicy[] = ["followed", "list", "none"];

/** The list `rawId` owned by `ownerId`; 404 "Record not found" when unknown or someone else's. */
export function findList(ctx: AppContext, ownerId: number, rawId: unknown): ListRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : ctx.db.query<ListRow, [number, number]>("SELECT * FROM lists WHERE id = ? AND account_id = ?").get(id, ownerId);
  if (!row) throw new ApiError(404, "Record not found");
  return row;
}

/** The owner's lists, oldest first. */
export function listsOf(ctx: AppContext, ownerId: number): ListRow[] {
  return ctx.db.query<ListRow, [number]>("SELECT * FROM lists WHERE account_id = ? ORDER BY id").all(ownerId);
}

/** The owner's lists that contain `accountId`, oldest first. */
export function listsContaining(ctx: AppContext, ownerId: number, accountId: number): ListRow[] {
  return ctx.db
    .query<ListRow, [number, number]>(
      "SELECT l.* FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ? AND l.account_id = ? ORDER BY l.id",
    )
    .all(accountId, ownerId);
}
