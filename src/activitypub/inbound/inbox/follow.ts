/**
 * Follow (Mastodon's ActivityPub::Activity::Follow): a remote account follows a local one.
 * Locked targets get a follow request and a `follow_request` notification; others a follow,
 * a `follow` notification and an Accept delivered back. Blocked or moved targets answer Reject.
 */
import type { AppContext } from "../../../context";
import { insertRemoteFollowRequest, setFollowRequestUri } from "../../../db/queries/follow-requests";
import { followRowExists, getFollowRef, refreshFollowUri } from "../../../db/queries/follows";
import type { AccountRow } from "../../../db/rows";
import { blockedEitherWay, follows } from "../../../db/queries/visibility";
import { insertFollow } from "../../../services/follows/rows";
import { notify } from "../../../services/notifications/notify";
import { publishFollowAnswer } from "../../../services/federation/interactions";
import { idOf, inTransaction, localAccountByUri, type Activity, type InboxContext } from "./util";

/** Enqueues Accept or Reject of the remote Follow (`rowId`: our follows/request row, or a fresh id). Call inside the transaction. */
function answerFollow(
  ctx: AppContext,
  type: "Accept" | "Reject",
  target: AccountRow,
  follower: AccountRow,
  followId: string | null,
  rowId?: number,
): void {
  publishFollowAnswer(ctx, type, target.id, follower, { id: rowId ?? ctx.ids.next(), uri: followId });
}

/** Inbox handler for Follow activities (see the file comment); ignores what it cannot use. */
export async function onFollow(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const target = localAccountByUri(ctx, idOf(a.object));
  if (!target || target.id === actor.id) return;
  const followId = typeof a.id === "string" ? a.id : null;
  inTransaction(ctx, () => {
    const db = ctx.db;
    if (blockedEitherWay(ctx, target.id, actor.id) || target.moved_to_account_id !== null) {
      answerFollow(ctx, "Reject", target, actor, followId);
      return;
    }
    if (follows(ctx, actor.id, target.id)) {
      // A repeated Follow (the remote lost its state): confirm again under the new id.
      answerFollow(ctx, "Accept", target, actor, followId, refreshFollowUri(db, actor.id, target.id, followId));
      return;
    }
    if (followRowExists(db, "follow_requests", actor.id, target.id)) {
      if (followId) setFollowRequestUri(db, actor.id, target.id, followId);
      return;
    }
    if (target.locked || actor.silenced_at !== null) {
      insertRemoteFollowRequest(db, ctx.ids.next(), actor.id, target.id, followId, ctx.now());
      notify(ctx, { accountId: target.id, fromAccountId: actor.id, type: "follow_request" });
      return;
    }
    insertFollow(ctx, actor.id, target.id, { showReblogs: true, notify: false, languages: null, uri: followId });
    const row = getFollowRef(db, "follows", actor.id, target.id)!;
    notify(ctx, { accountId: target.id, fromAccountId: actor.id, type: "follow" });
    answerFollow(ctx, "Accept", target, actor, followId, row.id);
  });
}
