/**
 * Move (account migration): the actor announces it moved to `target`. Accepted only when the
 * target, fetched fresh, lists the actor in `alsoKnownAs`. The actor is marked moved and each
 * local follower follows the target (a Follow is delivered to a remote target) and unfollows
 * the actor (Undo(Follow) goes to it), as Mastodon's MoveWorker does. Local accounts that
 * blocked or muted the actor block or mute the target too (MoveWorker's carry-over).
 */
import type { AppContext } from "../../../context";
import { markAccountMoved } from "../../../db/queries/accounts";
import { insertCarriedBlock, listLocalBlockerIds } from "../../../db/queries/blocks";
import { listLocalFollowsOf } from "../../../db/queries/follows";
import { insertCarriedMute, listLocalMutesOf } from "../../../db/queries/mutes";
import type { AccountRow } from "../../../db/rows";
import { ApiError } from "../../../model/errors";
import { followAccount } from "../../../services/follows/follow";
import { unfollowAccount } from "../../../services/follows/unfollow";
import { resolveAccountByUri } from "../../../services/federation/resolve-account";
import { idOf, inTransaction, localAccountByUri, type Activity, type InboxContext } from "./util";

function aliases(a: AccountRow): string[] {
  try {
    const v = JSON.parse(a.also_known_as);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Inbox handler for Move activities (see the file comment); ignores what it cannot use. */
export async function onMove(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const targetUri = idOf(a.target);
  if (idOf(a.object) !== actor.uri || !targetUri || targetUri === actor.uri) return;
  let target = localAccountByUri(ctx, targetUri);
  if (!target) {
    try {
      target = await resolveAccountByUri(ctx, targetUri, { refresh: true });
    } catch {
      target = null;
    }
  }
  if (!target || target.id === actor.id || target.suspended_at !== null || target.moved_to_account_id !== null) return;
  if (!aliases(target).includes(actor.uri)) return;
  const moved = target;
  inTransaction(ctx, () => {
    const db = ctx.db;
    markAccountMoved(db, actor.id, moved.id, ctx.now());
    const followers = listLocalFollowsOf(db, actor.id);
    for (const f of followers) {
      let languages: string[] | null = null;
      try {
        languages = f.languages ? JSON.parse(f.languages) : null;
      } catch {
        /* all languages */
      }
      try {
        followAccount(ctx, f.account_id, moved, { reblogs: !!f.show_reblogs, notify: !!f.notify, languages });
      } catch (e) {
        // Blocked either way or following oneself: this follower just stops following the actor.
        if (!(e instanceof ApiError)) throw e;
      }
      unfollowAccount(ctx, f.account_id, actor);
    }
    carryOver(ctx, actor.id, moved.id);
  });
}

/** Local blocks and mutes of the old account apply to the new one (rows only; nothing is delivered). */
function carryOver(ctx: AppContext, from: number, to: number): void {
  const t = ctx.now();
  for (const blocker of listLocalBlockerIds(ctx.db, from, to)) insertCarriedBlock(ctx.db, ctx.ids.next(), blocker, to, t);
  for (const row of listLocalMutesOf(ctx.db, from, to)) {
    insertCarriedMute(ctx.db, ctx.ids.next(), row.account_id, to, row.hide_notifications, row.expires_at, t);
  }
}
