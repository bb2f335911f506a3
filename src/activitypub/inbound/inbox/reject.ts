/**
 * Reject (of a Follow we sent): the remote account refused or removed our follow; the
 * pending request and any follow are deleted (counters and home feed in step). Reject of a
 * QuoteRequest we sent: the quote turns `rejected` (FEP-044f).
 */
import type { AppContext } from "../../../context";
import { deleteFollow, deleteFollowRequest } from "../../../services/follows/rows";
import { localFollowerFromObject } from "./accept";
import { settleQuoteRequest } from "../../../services/quotes/federation";
import { idOf, inTransaction, typeOf, type Activity, type InboxContext } from "./util";

/** Inbox handler for Reject activities (see the file comment); ignores what it cannot use. */
export async function onReject(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const id = idOf(a.object);
  if ((id && settleQuoteRequest(ctx, id, actor, false, null)) || typeOf(a.object) === "QuoteRequest") return;
  inTransaction(ctx, () => {
    const followerId = localFollowerFromObject(ctx, a.object, actor);
    if (followerId === null) return;
    deleteFollowRequest(ctx, followerId, actor.id);
    deleteFollow(ctx, followerId, actor.id);
  });
}
