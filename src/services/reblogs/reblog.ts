/** Boosting and unboosting (Mastodon's ReblogService / UnreblogService). */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getAccountUsername, incrementAccountStatuses } from "../../db/queries/accounts";
import { getReblogIdOf, getReblogOf, incrementStatusCounter, insertLocalReblog } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
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
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const existing = getReblogIdOf(db, accountId, s.id);
    if (existing !== null) return existing;
    if (s.visibility === DIRECT || (s.visibility === PRIVATE && s.account_id !== accountId))
      throw new ApiError(403, "This action is not allowed");
    let visibility: number;
    if (s.visibility === PRIVATE) visibility = PRIVATE;
    else {
      const v = visibilityCode(visibilityName ?? userPrefs(ctx, accountId).settings.default_privacy ?? "public");
      if (v === undefined || v === DIRECT) throw validation("Visibility is not included in the list");
      visibility = v;
    }
    const t = ctx.now();
    const id = ctx.ids.next();
    const username = getAccountUsername(db, accountId)!;
    insertLocalReblog(db, {
      id,
      uri: ctx.uris.activity(username, id, "activity"),
      url: ctx.uris.statusUrl(username, id),
      account_id: accountId,
      reblog_of_id: s.id,
      visibility,
      created_at: t,
      updated_at: t,
    });
    incrementStatusCounter(db, s.id, "reblogs_count");
    incrementAccountStatuses(db, accountId, t);
    const boost = statusRow(ctx, id);
    fanOutStatus(ctx, boost);
    publishReblog(ctx, boost, s);
    notify(ctx, { accountId: s.account_id, fromAccountId: accountId, type: "reblog", statusId: s.id });
    return id;
  });
}

/** Removes the account's boost of status `statusId`, if any; returns whether one existed. */
export function unreblogStatus(ctx: AppContext, accountId: number, statusId: number): boolean {
  return transaction(ctx.db, () => {
    const boost = getReblogOf(ctx.db, accountId, statusId);
    if (!boost) return false;
    publishUnreblog(ctx, boost);
    removeStatusRow(ctx, boost);
    return true;
  });
}
