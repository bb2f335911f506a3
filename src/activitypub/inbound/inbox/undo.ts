/**
 * Undo of the actor's own Follow, Like (or EmojiReact), Announce or Block, named by the
 * undone activity's id or embedded. A bare id with no type is tried against each kind, as
 * Mastodon does for servers that do not inline the undone activity.
 */
import type { AppContext } from "../../../context";
import { deleteBlock, deleteBlockByUri } from "../../../db/queries/blocks";
import { getFavouritedStatusIdByUri } from "../../../db/queries/favourites";
import { getFollowTargetIdByUri } from "../../../db/queries/follows";
import { getReblogByUri, getReblogOf } from "../../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { unfavouriteStatus } from "../../../services/favourites/favourite";
import { deleteFollow, deleteFollowRequest } from "../../../services/follows/rows";
import { removeStatusRow } from "../../../services/statuses/delete";
import { idOf, inTransaction, localAccountByUri, statusByUri, typeOf, type Activity, type InboxContext } from "./util";

function undoFollow(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  let targetId: number | null = null;
  if (id) {
    targetId = getFollowTargetIdByUri(ctx.db, actor.id, id);
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
  let statusId = id ? getFavouritedStatusIdByUri(ctx.db, actor.id, id) : null;
  if (statusId === null && typeOf(obj) !== undefined) statusId = statusByUri(ctx, idOf((obj as Activity).object))?.id ?? null;
  if (statusId !== null) unfavouriteStatus(ctx, actor.id, statusId);
}

function undoAnnounce(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  let boost = id ? getReblogByUri(ctx.db, id, actor.id) : null;
  if (!boost && typeOf(obj) !== undefined) {
    const original = statusByUri(ctx, idOf((obj as Activity).object));
    if (original) boost = getReblogOf(ctx.db, actor.id, original.id);
  }
  if (boost) removeStatusRow(ctx, boost);
}

function undoBlock(ctx: AppContext, actor: AccountRow, obj: unknown): void {
  const id = idOf(obj);
  if (id && deleteBlockByUri(ctx.db, actor.id, id)) return;
  if (typeOf(obj) === undefined) return;
  const target = localAccountByUri(ctx, idOf((obj as Activity).object));
  if (target) deleteBlock(ctx.db, actor.id, target.id);
}

/** Inbox handler for Undo activities (see the file comment); ignores what it cannot use. */
export async function onUndo(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const obj = a.object;
  // An embedded activity must be the actor's own.
  if (typeOf(obj) !== undefined && idOf((obj as Activity).actor) !== actor.uri) return;
  inTransaction(ctx, () => {
    switch (typeOf(obj)) {
      case "Follow":
        return undoFollow(ctx, actor, obj);
      case "Like":
      case "EmojiReact":
        return undoLike(ctx, actor, obj);
      case "Announce":
        return undoAnnounce(ctx, actor, obj);
      case "Block":
        return undoBlock(ctx, actor, obj);
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
