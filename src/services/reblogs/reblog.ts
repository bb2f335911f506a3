/** Boosting and unboosting (Mastodon's ReblogService / UnreblogService). */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { ApiError, validation } from "../../model/errors";
import { DIRECT, PRIVATE, visibilityCode } from "../../model/visibility";
import { fanOutStatus } from "../feeds";
import { notify } from "../notifications/notify";
import { removeStatusRow } from "../statuses/delete";
import { statusRow, userPrefs } from "../statuses/common";
import { publishReblog, publishUnreblog } from "../federation/statuses";

/**
 * Boosts `s` (an original status) for the account and returns the boost's id; returns the
 * existing boost when there is one. Fans out to home feeds and notifies the author.
 */
export function reblogStatus(ctx: AppContext, accountId: number, s: StatusRow, visibilityName?: string): number {
  return ctx.db.transaction(() => {
    const db = ctx.db;
    const existing = db.query<{ id: number }, [number, number]>("SELECT id FROM statuses WHERE account_id = ? AND reblog_of_id = ?").get(accountId, s.id);
    if (existing) return existing.id;
    if (s.visibility === DIRECT || (s.visibility === PRIVATE && s.account_id !== accountId)) throw new ApiError(403, "This action is not allowed");
    let visibility: number;
    if (s.visibility === PRIVATE) visibility = PRIVATE;
    else {
      const v = visibilityCode(visibilityName ?? userPrefs(ctx, accountId).settings.default_privacy ?? "public");
      if (v === undefined || v === DIRECT) throw validation("Visibility is not included in the list");
      visibility = v;
    }
    const t = ctx.now();
    const id = ctx.ids.next();
    const me = db.query<{ username: string }, [number]>("SELECT username FROM accounts WHERE id = ?").get(accountId)!;
    db.query(
      `INSERT INTO statuses (id, uri, url, account_id, local, reblog_of_id, visibility, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(id, ctx.uris.activity(me.username, id, "activity"), ctx.uris.statusUrl(me.username, id), accountId, s.id, visibility, t, t);
    db.query("UPDATE statuses SET reblogs_count = reblogs_count + 1 WHERE id = ?").run(s.id);
    db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = ? WHERE id = ?").run(t, accountId);
    const boost = statusRow(ctx, id);
    fanOutStatus(ctx, boost);
    publishReblog(ctx, boost, s);
    notify(ctx, { accountId: s.account_id, fromAccountId: accountId, type: "reblog", statusId: s.id });
    return id;
  }).immediate();
}

/** Removes the account's boost of status `statusId`, if any; returns whether one existed. */
export function unreblogStatus(ctx: AppContext, accountId: number, statusId: number): boolean {
  return ctx.db.transaction(() => {
    const boost = ctx.db.query<StatusRow, [number, number]>("SELECT * FROM statuses WHERE account_id = ? AND reblog_of_id = ?").get(accountId, statusId);
    if (!boost) return false;
    publishUnreblog(ctx, boost);
    removeStatusRow(ctx, boost);
    return true;
  }).immediate();
}
