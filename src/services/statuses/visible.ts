/**
 * Batch visibility for thread views: which of a set of statuses a viewer may see (the rule of
 * model/visibility.ts, through visibleStatusIds), optionally hiding muted accounts too.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { listMutedAccountIds } from "../../db/queries/mutes";
import { domainBlockedAmong } from "../../db/queries/account-domain-blocks";
import { visibleStatusIds } from "../../db/queries/timelines";

/**
 * The statuses `viewerId` may see, in input order. With `hideMuted`, statuses by accounts
 * the viewer mutes or on domains the viewer hides are dropped as well (thread views do this,
 * as Mastodon's StatusFilter).
 */
export function filterVisible(ctx: AppContext, rows: StatusRow[], viewerId: number | null, hideMuted = false): StatusRow[] {
  if (rows.length === 0) return [];
  const visible = visibleStatusIds(ctx, rows, viewerId);
  const muted = hideMuted && viewerId !== null ? new Set(listMutedAccountIds(ctx.db, viewerId, ctx.now())) : null;
  if (muted !== null) for (const id of domainBlockedAmong(ctx.db, viewerId!, [...new Set(rows.map((s) => s.account_id))])) muted.add(id);
  return rows.filter((s) => visible.has(s.id) && (muted === null || s.account_id === viewerId || !muted.has(s.account_id)));
}
