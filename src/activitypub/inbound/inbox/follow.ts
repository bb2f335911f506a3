/**
 * Follow (Mastodon's ActivityPub::Activity::Follow): a remote account follows a local one.
 * Locked targets get a follow request and a `follow_request` notification; others a follow,
 * a `follow` notification and an Accept delivered back. Blocked or moved targets answer Reject.
 */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { blockedEitherWay, follows } from "../../../db/queries/visibility";
import { insertFollow } from "../../../services/follows/rows";
import { notify } from "../../../services/notifications/notify";
import { publishFollowAnswer } from "../../../services/federation/interactions";
import { idOf, inTransaction, localAccountByUri, type Activity, type InboxContext } from "./util";

/** Enqueues Accept or Reject of the remote Follow (`rowId`: our follows/request row, or a fresh id). Call inside the transaction. */
function answerFollow(ctx: AppContext, type: "Accept" | "Reject", target: AccountRow, follower: AccountRow, followId: string | null, rowId?: number): void {
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
      const row = db.query<{ id: number }, [string | null, number, number]>("UPDATE follows SET uri = coalesce(?, uri) WHERE account_id = ? AND target_account_id = ? RETURNING id").get(followId, actor.id, target.id)!;
      answerFollow(ctx, "Accept", target, actor, followId, row.id);
      return;
    }
    if (db.query("SELECT 1 FROM follow_requests WHERE account_id = ? AND target_account_id = ?").get(actor.id, target.id)) {
      if (followId) db.query("UPDATE follow_requests SET uri = ? WHERE account_id = ? AND target_account_id = ?").run(followId, actor.id, target.id);
      return;
    }
    if (target.locked || actor.silenced_at !== null) {
      db.query("INSERT INTO follow_requests (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)")
        .run(ctx.ids.next(), actor.id, target.id, followId, ctx.now());
      notify(ctx, { accountId: target.id, fromAccountId: actor.id, type: "follow_request" });
      return;
    }
    insertFollow(ctx, actor.id, target.id, { showReblogs: true, notify: false, languages: null, uri: followId });
    const row = db.query<{ id: number }, [number, number]>("SELECT id FROM follows WHERE account_id = ? AND target_account_id = ?").get(actor.id, target.id)!;
    notify(ctx, { accountId: target.id, fromAccountId: actor.id, type: "follow" });
    answerFollow(ctx, "Accept", target, actor, followId, row.id);
  });
}
