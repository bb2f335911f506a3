/**
 * Accept (of a Follow we sent): our pending follow request to the actor becomes a follow
 * (counters, home feed backfill). Accept of a QuoteRequest we sent: the quote is accepted with
 * the stamp named by `result` (FEP-044f). Accepts of anything else are ignored.
 */
import type { AppContext } from "../../../context";
import { getPendingFollowRequest } from "../../../db/queries/follow-requests";
import { getFollowerIdByFollowUri } from "../../../db/queries/follows";
import type { AccountRow } from "../../../db/rows";
import { deleteFollowRequest, insertFollow } from "../../../services/follows/rows";
import { settleQuoteRequest } from "../../../services/quotes/federation";
import { asArray, idOf, inTransaction, localAccountByUri, typeOf, type Activity, type InboxContext } from "./util";

/**
 * The local account whose Follow of `actor` the object names: by the Follow's id as stored
 * on our request or follow row, else by an embedded Follow {actor: local, object: actor}.
 */
export function localFollowerFromObject(ctx: AppContext, obj: unknown, actor: AccountRow): number | null {
  const t = typeOf(obj);
  if (t !== undefined && t !== "Follow") return null;
  const id = idOf(obj);
  if (id) {
    const followerId = getFollowerIdByFollowUri(ctx.db, id, actor.id);
    if (followerId !== null) return followerId;
  }
  if (t === "Follow" && idOf((obj as Activity).object) === actor.uri) {
    return localAccountByUri(ctx, idOf((obj as Activity).actor))?.id ?? null;
  }
  return null;
}

/** Inbox handler for Accept activities (see the file comment); ignores what it cannot use. */
export async function onAccept(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const id = idOf(a.object);
  const result = idOf(asArray(a.result)[0]) ?? null;
  if ((id && settleQuoteRequest(ctx, id, actor, true, result)) || typeOf(a.object) === "QuoteRequest") return;
  inTransaction(ctx, () => {
    const followerId = localFollowerFromObject(ctx, a.object, actor);
    if (followerId === null) return;
    const req = getPendingFollowRequest(ctx.db, followerId, actor.id);
    if (!req) return;
    deleteFollowRequest(ctx, followerId, actor.id);
    insertFollow(ctx, followerId, actor.id, {
      showReblogs: !!req.show_reblogs,
      notify: !!req.notify,
      languages: req.languages,
      uri: req.uri,
    });
  });
}
