/** trends.refresh: recompute tag, link and status trends (scheduled every five minutes, as Mastodon's Trends::RefreshScheduler). */
import type { AppContext } from "../../context";
import { refreshTrends } from "../../services/trends/refresh";

/** trends.refresh {}: scores, decays and prunes trends; logs how long it took. */
export function runTrendsRefresh(ctx: AppContext): void {
  const t0 = performance.now();
  const n = refreshTrends(ctx);
  ctx.log.debug(`trends refreshed: ${n.tags} tags, ${n.links} links, ${n.statuses} statuses in ${(performance.now() - t0).toFixed(1)} ms`);
}
