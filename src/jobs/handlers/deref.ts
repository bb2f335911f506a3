/** Remote data jobs: refresh an actor, backfill a newly seen account, fetch a reply's parent. */
import { defineJob } from "../runner";
import { resolveAccountByUri } from "../../services/federation/resolve-account";
import { backfillAccount } from "../../services/federation/backfill-account";
import { resolveStatusByUri } from "../../services/federation/resolve-status";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import type { StatusRow } from "../../db/rows";

/** ap.refresh_account {uri, movedFrom?}: refetches an actor; links a Move's origin to it. */
defineJob("ap.refresh_account", async (ctx, p: { uri: string; movedFrom?: number }) => {
  const a = await resolveAccountByUri(ctx, p.uri, { refresh: true });
  if (a && p.movedFrom !== undefined && a.id !== p.movedFrom) {
    ctx.db.query("UPDATE accounts SET moved_to_account_id = ? WHERE id = ?").run(a.id, p.movedFrom);
  }
});

/** ap.backfill_account {accountId}: pinned posts, latest 20 public posts and totals (no notifications). */
defineJob("ap.backfill_account", async (ctx, p: { accountId: number }) => {
  await backfillAccount(ctx, p.accountId);
});

/** ap.fetch_parent {statusId, uri, depth}: resolves a reply's parent and links the reply to it. */
defineJob("ap.fetch_parent", async (ctx, p: { statusId: number; uri: string; depth?: number }) => {
  const child = ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(p.statusId);
  if (!child || child.in_reply_to_id !== null) return;
  const parent = await resolveStatusByUri(ctx, p.uri, { depth: p.depth ?? 1 });
  if (!parent) return;
  ctx.db.transaction(() => {
    const r = ctx.db.query("UPDATE statuses SET in_reply_to_id = ?, in_reply_to_account_id = ?, conversation_id = ? WHERE id = ? AND in_reply_to_id IS NULL")
      .run(parent.id, parent.account_id, parent.conversation_id ?? parent.id, child.id);
    if (r.changes > 0 && (child.visibility === PUBLIC || child.visibility === UNLISTED)) {
      ctx.db.query("UPDATE statuses SET replies_count = replies_count + 1 WHERE id = ?").run(parent.id);
    }
  }).immediate();
});
