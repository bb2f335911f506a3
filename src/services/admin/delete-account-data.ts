/**
 * DELETE /api/v1/admin/accounts/:id and `hearth admin accounts delete` (Mastodon's
 * DeleteAccountService with the name reserved): removes everything a suspended account made and
 * every relationship it is part of, but keeps the account row (suspended, profile emptied, key
 * pair kept) so the name stays taken. Reports and warnings about it stay for the moderators.
 */
import { logAdminAction } from "./action-log";
import type { AppContext } from "../../context";
import {
  deleteAccountRowsIn,
  emptyAccountProfile,
  listAccountCascadeColumns,
  markAccountSuspended,
  recountFollowCounts,
} from "../../db/queries/accounts-moderation";
import { getLocalAccount } from "../../db/queries/accounts";
import { listFavouritedStatusIds } from "../../db/queries/favourites";
import { listFollowRelatedAccountIds, listRemoteFollowerInboxes } from "../../db/queries/follows";
import { deleteHomeFeed } from "../../db/queries/home-feeds";
import { revokeLiveTokensOfUser } from "../../db/queries/oauth-access-tokens";
import { deleteWebPushSubscriptionsOfTokens } from "../../db/queries/web-push-subscriptions";
import { listAccountStatusesForDeletion, recountFavouritesCounts, statusExists } from "../../db/queries/statuses";
import { deleteUser, disableUser, getUserByAccountId } from "../../db/queries/users";
import { deleteUserWebSessions } from "../../db/queries/web-sessions";
import { transaction } from "../../db/transaction";
import { toApActivity } from "../../serializers/activitypub";
import { enqueueAccountFileDeletion } from "../media/cleanup";
import { AS_PUBLIC } from "../federation/statuses";
import { removeStatusRow } from "../statuses/delete";
import type { AdminTarget, StaffAuth } from "./accounts";
import { notAllowed, requirePermission } from "../../model/permissions";
import { closeUserStreams } from "./streams";

/** Tables whose rows are the account's own and go with its data (found from the schema's foreign keys). */
const KEEP = new Set(["accounts", "users", "reports", "account_warnings", "statuses"]);

function cascadingColumns(ctx: AppContext): { table: string; column: string }[] {
  return listAccountCascadeColumns(ctx.db).filter((c) => !KEEP.has(c.table));
}

/**
 * Deletes the data of suspended account `t` (403 unless the staff member may delete user data
 * and the account is suspended). A local account's remote followers get Delete(Person); stored
 * files go through `media.delete_files` jobs. One transaction.
 */
export function deleteAccountData(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "delete_user_data");
  if (t.account.suspended_at === null) throw notAllowed();
  transaction(ctx.db, () => {
    const acct = t.account.domain ? `${t.account.username}@${t.account.domain}` : t.account.username;
    logAdminAction(ctx, auth.accountId, "destroy", "Account", t.account.id, acct);
    purgeAccountData(ctx, t, { reserveEmail: true });
  });
}

/**
 * The deletion itself (call inside a transaction on a suspended account): Delete(Person) to
 * the remote followers' inboxes through an `ap.fanout` job (the shell keeps its key pair, so
 * the delivery can still be signed), every post, follow and other row of the account, counters
 * of the others, profile emptied. The login is disabled with its tokens revoked and their open
 * streams closed; without `reserveEmail` (the CLI, as tootctl) the user row goes too, freeing
 * the e-mail address. The account row stays, so the name stays taken.
 */
export function purgeAccountData(ctx: AppContext, t: AdminTarget, o: { reserveEmail: boolean }): void {
  const db = ctx.db;
  const id = t.account.id;
  if (t.account.domain === null) {
    const inboxes = listRemoteFollowerInboxes(db, id);
    if (inboxes.length) {
      const activity = toApActivity(ctx, "Delete", t.account, t.account.uri, { id: `${t.account.uri}#delete`, to: [AS_PUBLIC] });
      ctx.jobs.enqueue("ap.fanout", { senderId: id, activity, followers: false, accountIds: [], inboxes });
    }
  }
  const related = listFollowRelatedAccountIds(db, id);
  const favourited = listFavouritedStatusIds(db, id);
  const own = listAccountStatusesForDeletion(db, id);
  for (const s of own) if (statusExists(db, s.id)) removeStatusRow(ctx, s);
  enqueueAccountFileDeletion(ctx, id);
  for (const c of cascadingColumns(ctx)) deleteAccountRowsIn(db, c.table, c.column, id);
  deleteHomeFeed(db, id);
  recountFollowCounts(
    db,
    related.filter((x) => x !== id),
  );
  recountFavouritesCounts(db, favourited);
  emptyAccountProfile(db, id, ctx.now());
  if (t.user) {
    const revoked = revokeLiveTokensOfUser(db, t.user.id, ctx.now());
    deleteWebPushSubscriptionsOfTokens(db, revoked);
    closeUserStreams(ctx, t.user.id, revoked);
    if (o.reserveEmail) {
      disableUser(db, t.user.id, ctx.now());
      deleteUserWebSessions(db, t.user.id);
    } else {
      deleteUser(db, t.user.id);
    }
  }
}

/**
 * `hearth admin accounts delete NAME` (tootctl accounts delete): suspends local account
 * `accountId` if needed (no Update(Person): the Delete follows at once) and deletes its data as
 * DELETE /api/v1/admin/accounts/:id does, but frees the e-mail address. One transaction; false
 * when there is no such local account.
 */
export function deleteAccountAsOperator(ctx: AppContext, accountId: number): boolean {
  const db = ctx.db;
  return transaction(db, () => {
    const account = getLocalAccount(db, accountId);
    if (!account) return false;
    const user = getUserByAccountId(db, accountId);
    if (account.suspended_at === null) markAccountSuspended(db, accountId, ctx.now());
    purgeAccountData(ctx, { account, user }, { reserveEmail: false });
    return true;
  });
}
