/**
 * Accept (of a Follow we sent): our pending follow request to the actor becomes a follow
 * (counters, home feed backfill). Accepts of anything else are ignored.
 */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { deleteFollowRequest, insertFollow } from "../../../services/follows/rows";
import { idOf, inTransaction, localAccountByUri, typeOf, type Activity, type InboxContext } from "./util";

interface RequestRow { account_id: number; show_reblogs: number; notify: number; languages: string | null; uri: string | null }

/**
 * The local account whose Follow of `actor` the object names: by the Follow's id as stored
 * on our request or follow row, else by an embedded Follow {actor: local, object: actor}.
 */
export function localFollowerFromObject(ctx: AppContext, obj: unknown, actor: AccountRow): number | null {
  const t = typeOf(obj);
  if (t !== undefined && t !== "Follow") return null;
  const id = idOf(obj);
  if (id) {
    const row = ctx.db
      .query<{ account_id: number }, [string, number, string, number]>(
        "SELECT account_id FROM follow_requests WHERE uri = ? AND target_account_id = ? UNION ALL SELECT account_id FROM follows WHERE uri = ? AND target_account_id = ? LIMIT 1",
      )
      .get(id, actor.id, id, actor.id);
    if (row) return row.account_id;
  }
  if (t === "Follow" && idOf((obj as Activity).object) === actor.uri) {
    return localAccountByUri(ctx, idOf((obj as Activity).actor))?.id ?? null;
  }
  return null;
}

/** Inbox handler for Accept activities (see the file comment); ignores what it cannot use. */
export async function onAccept(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  inTransaction(ctx, () => {
    const followerId = localFollowerFromObject(ctx, a.object, actor);
    if (followerId === null) return;
    const req = ctx.db
      .query<RequestRow, [number, number]>("SELECT account_id, show_reblogs, notify, languages, uri FROM follow_requests WHERE account_id = ? AND target_account_id = ?")
      .get(followerId, actor.id);
    if (!req) return;
    deleteFollowRequest(ctx, followerId, actor.id);
    insertFollow(ctx, followerId, actor.id, { showReblogs: !!req.show_reblogs, notify: !!req.notify, languages: req.languages, uri: req.uri });
  });
}
