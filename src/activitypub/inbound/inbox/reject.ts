/**
 * Reject (of a Follow we sent): the remote account refused or removed our follow; the
 * pending request and any follow are deleted (counters and home feed in step).
 */
import type { AppContext } from "../../../context";
import { deleteFollow, deleteFollowRequest } from "../../../services/follows/rows";
import { localFollowerFromObject } from "./accept";
import { inTransaction, type Activity, type InboxContext } from "./util";

/** Inbox handler for Reject activities (see the file comment); ignores what it cannot use. */
export async function onReject(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  inTransaction(ctx, () => {
    const followerId = localFollowerFromObject(ctx, a.object, actor);
    if (followerId === null) return;
    deleteFollowRequest(ctx, followerId, actor.id);
    deleteFollow(ctx, followerId, actor.id);
  });
}
