/** FollowService: follow an account, or update the options of an existing follow or request. */
import type { AppContext } from "../../context";
import { insertFollowRequest } from "../../db/queries/follow-requests";
import { followRowExists, setFollowOption } from "../../db/queries/follows";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { blockedEitherWay } from "../../db/queries/visibility";
import { notify } from "../notifications/notify";
import { insertFollow, languagesJson, type FollowOptions } from "./rows";
import { newFollowUri, publishFollow } from "../federation/interactions";

/**
 * Makes `sourceId` follow `target`. Locked and remote targets get a follow request (and a
 * `follow_request` notification when local); others a follow, counters, feed backfill and a
 * `follow` notification. Following oneself is 404 and a block either way 403, as in Mastodon.
 * A remote target gets a Follow (its id kept in follow_requests.uri until the Accept comes in).
 */
export function followAccount(ctx: AppContext, sourceId: number, target: AccountRow, o: FollowOptions): void {
  // Mastodon's FollowService raises RecordNotFound for self-follows.
  if (target.id === sourceId || target.suspended_at !== null) throw new ApiError(404, "Record not found");
  if (target.moved_to_account_id !== null || blockedEitherWay(ctx, sourceId, target.id))
    throw new ApiError(403, "This action is not allowed");
  const db = ctx.db;
  transaction(db, () => {
    for (const table of ["follows", "follow_requests"] as const) {
      if (!followRowExists(db, table, sourceId, target.id)) continue;
      if (o.reblogs !== undefined) setFollowOption(db, table, "show_reblogs", o.reblogs ? 1 : 0, sourceId, target.id);
      if (o.notify !== undefined) setFollowOption(db, table, "notify", o.notify ? 1 : 0, sourceId, target.id);
      if (o.languages !== undefined) setFollowOption(db, table, "languages", languagesJson(o.languages), sourceId, target.id);
      return;
    }
    const opts = { showReblogs: o.reblogs ?? true, notify: o.notify ?? false, languages: languagesJson(o.languages) };
    if (target.locked || target.domain !== null) {
      const id = ctx.ids.next();
      const uri = target.domain !== null ? newFollowUri(ctx) : null;
      insertFollowRequest(db, {
        id,
        account_id: sourceId,
        target_account_id: target.id,
        show_reblogs: opts.showReblogs ? 1 : 0,
        notify: opts.notify ? 1 : 0,
        languages: opts.languages,
        uri,
        created_at: ctx.now(),
      });
      if (target.domain === null) notify(ctx, { accountId: target.id, fromAccountId: sourceId, type: "follow_request" });
      else publishFollow(ctx, sourceId, target, { id, uri });
      return;
    }
    insertFollow(ctx, sourceId, target.id, opts);
    notify(ctx, { accountId: target.id, fromAccountId: sourceId, type: "follow" });
  });
}
