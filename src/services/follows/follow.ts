/** FollowService: follow an account, or update the options of an existing follow or request. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
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
  if (target.moved_to_account_id !== null || blockedEitherWay(ctx, sourceId, target.id)) throw new ApiError(403, "This action is not allowed");
  const db = ctx.db;
  db.transaction(() => {
    for (const table of ["follows", "follow_requests"] as const) {
      const existing = db.query(`SELECT 1 FROM ${table} WHERE account_id = ? AND target_account_id = ?`).get(sourceId, target.id);
      if (!existing) continue;
      if (o.reblogs !== undefined) db.query(`UPDATE ${table} SET show_reblogs = ? WHERE account_id = ? AND target_account_id = ?`).run(o.reblogs ? 1 : 0, sourceId, target.id);
      if (o.notify !== undefined) db.query(`UPDATE ${table} SET notify = ? WHERE account_id = ? AND target_account_id = ?`).run(o.notify ? 1 : 0, sourceId, target.id);
      if (o.languages !== undefined) db.query(`UPDATE ${table} SET languages = ? WHERE account_id = ? AND target_account_id = ?`).run(languagesJson(o.languages), sourceId, target.id);
      return;
    }
    const opts = { showReblogs: o.reblogs ?? true, notify: o.notify ?? false, languages: languagesJson(o.languages) };
    if (target.locked || target.domain !== null) {
      const id = ctx.ids.next();
      const uri = target.domain !== null ? newFollowUri(ctx) : null;
      db.query("INSERT INTO follow_requests (id, account_id, target_account_id, show_reblogs, notify, languages, uri, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .run(id, sourceId, target.id, opts.showReblogs ? 1 : 0, opts.notify ? 1 : 0, opts.languages, uri, ctx.now());
      if (target.domain === null) notify(ctx, { accountId: target.id, fromAccountId: sourceId, type: "follow_request" });
      else publishFollow(ctx, sourceId, target, { id, uri });
      return;
    }
    insertFollow(ctx, sourceId, target.id, opts);
    notify(ctx, { accountId: target.id, fromAccountId: sourceId, type: "follow" });
  }).immediate();
}
