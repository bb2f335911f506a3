/** AuthorizeFollowService / RejectFollowService for pending follow requests to a local account. */
import type { AppContext } from "../../context";
import { getPendingFollowRequest, type PendingFollowRequest } from "../../db/queries/follow-requests";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { deleteFollowRequest, insertFollow } from "./rows";
import { publishFollowAnswer } from "../federation/interactions";

function pending(ctx: AppContext, requesterId: number, ownerId: number): PendingFollowRequest {
  const r = getPendingFollowRequest(ctx.db, requesterId, ownerId);
  if (!r) throw new ApiError(404, "Record not found");
  return r;
}

/** Accepts the request of `requester` to follow `ownerId`: creates the follow with its options and backfills the requester's feed; a remote requester gets Accept(Follow). */
export function authorizeFollowRequest(ctx: AppContext, ownerId: number, requester: AccountRow): void {
  transaction(ctx.db, () => {
    const r = pending(ctx, requester.id, ownerId);
    deleteFollowRequest(ctx, requester.id, ownerId);
    insertFollow(ctx, requester.id, ownerId, { showReblogs: !!r.show_reblogs, notify: !!r.notify, languages: r.languages, uri: r.uri });
    publishFollowAnswer(ctx, "Accept", ownerId, requester, r);
  });
}

/** Rejects the request of `requester` to follow `ownerId`; a remote requester gets Reject(Follow). */
export function rejectFollowRequest(ctx: AppContext, ownerId: number, requester: AccountRow): void {
  transaction(ctx.db, () => {
    const r = pending(ctx, requester.id, ownerId);
    deleteFollowRequest(ctx, requester.id, ownerId);
    publishFollowAnswer(ctx, "Reject", ownerId, requester, r);
  });
}
