/**
 * trends.refresh: recompute tag, link and status trends (scheduled every five minutes, as
 * Mastodon's Trends::RefreshScheduler), then ask staff by mail to review what newly needs it
 * (Mastodon's Trends.request_review!).
 */
import type { AppContext } from "../../context";
import { refreshTrends } from "../../services/trends/refresh";
import { requestTrendsReview } from "../../services/trends/review-requests";

/** trends.refresh {}: scores, decays and prunes trends, then mails review requests; logs how long it took. */
export function runTrendsRefresh(ctx: AppContext): void {
  const t0 = performance.now();
  const n = refreshTrends(ctx);
  const asked = requestTrendsReview(ctx);
  ctx.log.debug(
    `trends refreshed: ${n.tags} tags, ${n.links} links, ${n.statuses} statuses, ${asked} up for review in ${(performance.now() - t0).toFixed(1)} ms`,
  );
}
