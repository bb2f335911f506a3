/** Staff review of trends (Mastodon's Admin::Trends::*Controller#approve / #reject) and the auto-approve setting. */
import type { AppContext } from "../../context";
import { setTrendReview, setTrendsAutoApprove, type TrendKind } from "../../db/queries/trends";
import { transaction } from "../../db/transaction";

/** Approves or rejects `item` of `kind` (shown or never shown in the public trends). */
export function reviewTrend(ctx: AppContext, kind: TrendKind, item: string, state: "approved" | "rejected"): void {
  transaction(ctx.db, () => setTrendReview(ctx.db, kind, item, state, ctx.now()));
}

/** Turns "show trends without review" on or off (for the owner's settings). */
export function setAutoApproveTrends(ctx: AppContext, on: boolean): void {
  transaction(ctx.db, () => setTrendsAutoApprove(ctx.db, on));
}
