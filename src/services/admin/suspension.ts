/**
 * What suspending and unsuspending an account does besides the suspended_at mark (Mastodon's
 * SuspendAccountService / UnsuspendAccountService). Call inside the writing transaction.
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { clearAccountSuspension, markAccountSuspended } from "../../db/queries/accounts-moderation";
import { getAccount } from "../../db/queries/accounts";
import { listFollowRequestTargetIds } from "../../db/queries/follow-requests";
import { listFollowsOfLocalAccountsBy } from "../../db/queries/follows";
import { toApActivity } from "../../serializers/activitypub";
import { publishProfileUpdate } from "../federation/accounts";
import { deleteFollow, deleteFollowRequest } from "../follows/rows";

/**
 * Marks `a` suspended. A local account's followers get Update(Person) with `suspended`
 * (its token and login stop working through the suspended_at mark). A remote account's
 * follows of local accounts are severed and each answered with Reject(Follow) to its inbox,
 * so its server stops sending it our followers-only posts; this part is not undone later.
 */
export function suspendAccount(ctx: AppContext, a: AccountRow): void {
  markAccountSuspended(ctx.db, a.id, ctx.now());
  if (a.domain === null) {
    publishProfileUpdate(ctx, a.id);
    return;
  }
  const follows = listFollowsOfLocalAccountsBy(ctx.db, a.id);
  const inbox = a.inbox_url;
  for (const f of follows) {
    deleteFollow(ctx, a.id, f.target_account_id);
    if (!inbox || !f.uri) continue;
    const owner = getAccount(ctx.db, f.target_account_id)!;
    const follow = { id: f.uri, type: "Follow", actor: a.uri, object: owner.uri };
    const reject = toApActivity(ctx, "Reject", owner, follow, { id: ctx.uris.rowActivity(owner.uri, "rejects/follows", f.id) });
    // Explicit inbox: the fan-out skips suspended recipients when it resolves account ids.
    ctx.jobs.enqueue("ap.fanout", { senderId: owner.id, activity: reject, followers: false, accountIds: [], inboxes: [inbox] });
  }
  for (const targetId of listFollowRequestTargetIds(ctx.db, a.id)) deleteFollowRequest(ctx, a.id, targetId);
}

/** Lifts a suspension; a local account's followers get Update(Person) without `suspended`. */
export function unsuspendAccount(ctx: AppContext, a: AccountRow): void {
  clearAccountSuspension(ctx.db, a.id, ctx.now());
  if (a.domain === null) publishProfileUpdate(ctx, a.id);
}
