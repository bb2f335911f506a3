/**
 * Undo of the actor's own Follow, Like (or EmojiReact), Announce or Block, named by the
 * undone activity's id or embedded. A bare id with no type is tried against each kind, as
 * Mastodon does for servers that do not inline the undone activity.
 */
import type { AppContext } from "../../../context";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { unfavouriteStatus } from "../../../services/favourites/favourite";
import { deleteFollow, deleteFollowRequest } from "../../../services/follows/rows";
import { removeStatusRow } from "../../../services/statuses/delete";
import { idOf, inTransaction, localAccountByUri, statusByUri, typeOf, type Activity, type InboxContext } from "./util";

function undoFollow(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  let targetId: number | null = null;
  if (id) {
    targetId = ctx.db
      .query<{ t: number }, [number, string, number, string]>(
        "SELECT target_account_id AS t FROM follows WHERE account_id = ? AND uri = ? UNION ALL SELECT target_account_id FROM follow_requests WHERE account_id = ? AND uri = ? LIMIT 1",
      )
      .get(actor.id, id, actor.id, id)?.t ?? null;
  }
  if (targetId === null && typeOf(obj) === "Follow" && idOf((obj as Activity).actor) === actor.uri) {
    targetId = localAccountByUri(ctx, idOf((obj as Activity).object))?.id ?? null;
  }
  if (targetId === null) return;
  deleteFollow(ctx, actor.id, targetId);
  deleteFollowRequest(ctx, actor.id, targetId);
}

function undoLike(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  let statusId = id ? ctx.db.query<{ s: number }, [number, string]>("SELECT status_id AS s FROM favourites WHERE account_id = ? AND uri = ?").get(actor.id, id)?.s ?? null : null;
  if (statusId === null && typeOf(obj) !== undefined) statusId = statusByUri(ctx, idOf((obj as Activity).object))?.id ?? null;
  if (statusId !== null) unfavouriteStatus(ctx, actor.id, statusId);
}

function undoAnnounce(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  let boost = id ? ctx.db.query<StatusRow, [string, number]>("SELECT * FROM statuses WHERE uri = ? AND account_id = ? AND reblog_of_id IS NOT NULL").get(id, actor.id) : null;
  if (!boost && typeOf(obj) !== undefined) {
    const original = statusByUri(ctx, idOf((obj as Activity).object));
    if (original) boost = ctx.db.query<StatusRow, [number, number]>("SELECT * FROM statuses WHERE account_id = ? AND reblog_of_id = ?").get(actor.id, original.id);
  }
  if (boost) removeStatusRow(ctx, boost);
}

function undoBlock(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  if (id && ctx.db.query("DELETE FROM blocks WHERE account_id = ? AND uri = ?").run(actor.id, id).changes > 0) return;
  if (typeOf(obj) === undefined) return;
  const target = localAccountByUri(ctx, idOf((obj as Activity).object));
  if (target) ctx.db.query("DELETE FROM blocks WHERE account_id = ? AND target_account_id = ?").run(actor.id, target.id);
}

/** Inbox handler for Undo activities (see the file comment); ignores what it cannot use. */
export async function onUndo(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const obj = a.object;
  // An embedded activity must be the actor's own.
  if (typeOf(obj) !== undefined && idOf((obj as Activity).actor) !== actor.uri) return;
  inTransaction(ctx, () => {
    switch (typeOf(obj)) {
      case "Follow": return undoFollow(ctx, actor, obj);
      case "Like": case "EmojiReact": return undoLike(ctx, actor, obj);
      case "Announce": return undoAnnounce(ctx, actor, obj);
      case "Block": return undoBlock(ctx, actor, obj);
      case undefined:
        if (typeof obj !== "string") return;
        undoFollow(ctx, actor, obj);
        undoLike(ctx, actor, obj);
        undoAnnounce(ctx, actor, obj);
        undoBlock(ctx, actor, obj);
        return;
    }
  });
}
