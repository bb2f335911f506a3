/**
 * What suspending and unsuspending an account does besides the suspended_at mark (Mastodon's
 * SuspendAccountService / UnsuspendAccountService). Call inside the writing transaction.
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { toApActivity } from "../../serializers/activitypub";
import { publishProfileUpdate } from "../federation/accounts";
import { deleteFollow, deleteFollowRequest } from "../follows/rows";

interface FollowOfLocal { id: number; uri: string | null; target_account_id: number }

/**
 * Marks `a` suspended. A local account's followers get Update(Person) with `suspended`
 * (its token and login stop working through the suspended_at mark). A remote account's
 * follows of local accounts are severed and each answered with Reject(Follow) to its inbox,
 * so its server stops sending it our followers-only posts; this part is not undone later.
 */
export function suspendAccount(ctx: AppContext, a: AccountRow): void {
  const t = ctx.now();
  ctx.db.query("UPDATE accounts SET suspended_at = ?, updated_at = ? WHERE id = ? AND suspended_at IS NULL").run(t, t, a.id);
  if (a.domain === null) {
    publishProfileUpdate(ctx, a.id);
    return;
  }
  const follows = ctx.db.query<FollowOfLocal, [number]>(
    `SELECT f.id, f.uri, f.target_account_id FROM follows f JOIN accounts t ON t.id = f.target_account_id
     WHERE f.account_id = ? AND t.domain IS NULL`,
  ).all(a.id);
  const inbox = a.inbox_url;
  for (const f of follows) {
    deleteFollow(ctx, a.id, f.target_account_id);
    if (!inbox || !f.uri) continue;
    const owner = ctx.db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(f.target_account_id)!;
    const follow = { id: f.uri, type: "Follow", actor: a.uri, object: owner.uri };
    const reject = toApActivity(ctx, "Reject", owner, follow, { id: ctx.uris.rowActivity(owner.uri, "rejects/follows", f.id) });
    // Explicit inbox: the fan-out skips suspended recipients when it resolves account ids.
    ctx.jobs.enqueue("ap.fanout", { senderId: owner.id, activity: reject, followers: false, accountIds: [], inboxes: [inbox] });
  }
  const requests = ctx.db.query<{ target_account_id: number }, [number]>("SELECT target_account_id FROM follow_requests WHERE account_id = ?").all(a.id);
  for (const r of requests) deleteFollowRequest(ctx, a.id, r.target_account_id);
}

/** Lifts a suspension; a local account's followers get Update(Person) without `suspended`. */
export function unsuspendAccount(ctx: AppContext, a: AccountRow): void {
  const t = ctx.now();
  ctx.db.query("UPDATE accounts SET suspended_at = NULL, updated_at = ? WHERE id = ?").run(t, a.id);
  if (a.domain === null) publishProfileUpdate(ctx, a.id);
}
