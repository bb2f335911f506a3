/** Remote data jobs: refresh an actor, backfill a newly seen account, fetch a reply's parent. */
import type { AppContext } from "../../context";
import { setAccountMovedTo } from "../../db/queries/accounts-remote";
import { getStatus, incrementStatusCounter, linkReplyToParent } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { resolveAccountByUri } from "../../services/federation/resolve-account";
import { backfillAccount } from "../../services/federation/backfill-account";
import { resolveStatusByUri } from "../../services/federation/resolve-status";
import { PUBLIC, UNLISTED } from "../../model/visibility";

/** ap.refresh_account {uri, movedFrom?}: refetches an actor; links a Move's origin to it. */
export async function runRefreshAccount(ctx: AppContext, p: { uri: string; movedFrom?: number }): Promise<void> {
  const a = await resolveAccountByUri(ctx, p.uri, { refresh: true });
  if (a && p.movedFrom !== undefined && a.id !== p.movedFrom) {
    setAccountMovedTo(ctx.db, p.movedFrom, a.id);
  }
}

/** ap.backfill_account {accountId}: pinned posts, latest 20 public posts and totals (no notifications). */
export async function runBackfillAccount(ctx: AppContext, p: { accountId: number }): Promise<void> {
  await backfillAccount(ctx, p.accountId);
}

/** ap.fetch_parent {statusId, uri, depth}: resolves a reply's parent and links the reply to it. */
export async function runFetchParent(ctx: AppContext, p: { statusId: number; uri: string; depth?: number }): Promise<void> {
  const child = getStatus(ctx.db, p.statusId);
  if (!child || child.in_reply_to_id !== null) return;
  const parent = await resolveStatusByUri(ctx, p.uri, { depth: p.depth ?? 1 });
  if (!parent) return;
  transaction(ctx.db, () => {
    const linked = linkReplyToParent(ctx.db, child.id, parent.id, parent.account_id, parent.conversation_id ?? parent.id);
    if (linked && (child.visibility === PUBLIC || child.visibility === UNLISTED))
      incrementStatusCounter(ctx.db, parent.id, "replies_count");
  });
}
