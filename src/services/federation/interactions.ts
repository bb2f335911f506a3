/**
 * Publishing interactions with remote accounts: Like, Follow, Accept/Reject(Follow), Block and
 * their Undo. Each is sent only to the remote account concerned; local targets get nothing.
 * Call inside the writing service's transaction (Undo helpers before the row is deleted).
 */
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow } from "../../db/rows";
import { toApActivity } from "../../serializers/activitypub";
import { accountRow, embedded, sendToAccounts } from "./send";

/** A follow or follow-request row as the Follow/Undo/Accept builders need it. */
export interface FollowRef {
  id: number;
  uri: string | null;
}

function like(ctx: AppContext, actor: AccountRow, favouriteId: number, s: StatusRow): Record<string, unknown> {
  return toApActivity(ctx, "Like", actor, s.uri, { id: ctx.uris.rowActivity(actor.uri, "likes", favouriteId) });
}

/** Enqueues Like of remote status `s` to its author (nothing for local statuses). */
export function publishFavourite(ctx: AppContext, accountId: number, favouriteId: number, s: StatusRow): void {
  if (s.local) return;
  sendToAccounts(ctx, accountId, like(ctx, accountRow(ctx, accountId), favouriteId, s), [s.account_id]);
}

/** Enqueues Undo(Like) of remote status `s` to its author. */
export function publishUnfavourite(ctx: AppContext, accountId: number, favouriteId: number, s: StatusRow): void {
  if (s.local) return;
  const actor = accountRow(ctx, accountId);
  const undo = toApActivity(ctx, "Undo", actor, embedded(like(ctx, actor, favouriteId, s)), {
    id: ctx.uris.undoActivity(ctx.uris.rowActivity(actor.uri, "likes", favouriteId)),
  });
  sendToAccounts(ctx, accountId, undo, [s.account_id]);
}

/** A fresh id for an outgoing Follow (stored in follow_requests.uri / follows.uri), as Mastodon: a UUID under the root. */
export function newFollowUri(ctx: AppContext): string {
  return ctx.uris.url(`/${crypto.randomUUID()}`);
}

/** The Follow activity of `follower` for `followed`, with its stored id (or Mastodon's fallback id). */
function followActivity(ctx: AppContext, follower: AccountRow, followed: AccountRow, row: FollowRef): Record<string, unknown> {
  const id = row.uri ?? ctx.uris.rowActivity(follower.uri, "follows", row.id);
  return { id, type: "Follow", actor: follower.uri, object: followed.uri };
}

/** Enqueues Follow from local `sourceId` to remote `target`, with id `uri`. */
export function publishFollow(ctx: AppContext, sourceId: number, target: AccountRow, row: FollowRef): void {
  if (target.domain === null) return;
  const actor = accountRow(ctx, sourceId);
  const f = followActivity(ctx, actor, target, row);
  sendToAccounts(ctx, sourceId, toApActivity(ctx, "Follow", actor, target.uri, { id: f.id }), [target.id]);
}

/** Enqueues Undo(Follow) to remote `target` for a follow or request of `sourceId` being removed. */
export function publishUnfollow(ctx: AppContext, sourceId: number, target: AccountRow, row: FollowRef): void {
  if (target.domain === null) return;
  const actor = accountRow(ctx, sourceId);
  const undo = toApActivity(ctx, "Undo", actor, followActivity(ctx, actor, target, row), {
    id: ctx.uris.undoActivity(ctx.uris.rowActivity(actor.uri, "follows", row.id)),
  });
  sendToAccounts(ctx, sourceId, undo, [target.id]);
}

/**
 * Enqueues Accept or Reject of remote `follower`'s Follow of local `ownerId` (authorize/reject
 * of a request, remove_from_followers, blocks). `row.uri` is the id the remote gave its Follow.
 */
export function publishFollowAnswer(
  ctx: AppContext,
  type: "Accept" | "Reject",
  ownerId: number,
  follower: AccountRow,
  row: FollowRef,
): void {
  if (follower.domain === null) return;
  const owner = accountRow(ctx, ownerId);
  const kind = type === "Accept" ? "accepts/follows" : "rejects/follows";
  const activity = toApActivity(ctx, type, owner, followActivity(ctx, follower, owner, row), {
    id: ctx.uris.rowActivity(owner.uri, kind, row.id),
  });
  sendToAccounts(ctx, ownerId, activity, [follower.id]);
}

function block(ctx: AppContext, actor: AccountRow, target: AccountRow, blockId: number): Record<string, unknown> {
  return toApActivity(ctx, "Block", actor, target.uri, { id: blockUri(ctx, actor.uri, blockId) });
}

/** Block id as stored in blocks.uri for a local block. */
export function blockUri(ctx: AppContext, actorUri: string, blockId: number): string {
  return ctx.uris.rowActivity(actorUri, "blocks", blockId);
}

/** Enqueues Block to remote `target`. */
export function publishBlock(ctx: AppContext, sourceId: number, target: AccountRow, blockId: number): void {
  if (target.domain === null) return;
  sendToAccounts(ctx, sourceId, block(ctx, accountRow(ctx, sourceId), target, blockId), [target.id]);
}

/** Enqueues Undo(Block) to remote `target` (call before the block row is deleted). */
export function publishUnblock(ctx: AppContext, sourceId: number, target: AccountRow, blockId: number): void {
  if (target.domain === null) return;
  const actor = accountRow(ctx, sourceId);
  const undo = toApActivity(ctx, "Undo", actor, embedded(block(ctx, actor, target, blockId)), {
    id: ctx.uris.undoActivity(blockUri(ctx, actor.uri, blockId)),
  });
  sendToAccounts(ctx, sourceId, undo, [target.id]);
}
