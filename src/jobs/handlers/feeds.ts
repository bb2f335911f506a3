/**
 * Home-feed jobs: `feeds.fan_out` delivers a new local status to its author's followers and
 * lists; `feeds.tag_fan_out` delivers a new public status to hashtag followers in batches.
 */
import { fanOutToFollowersOf } from "../../services/feeds";
import { runTagFanOutBatch, type TagFanOutPayload } from "../../services/tags/fan-out";
import { publishStatus } from "../../streaming/publish";
import type { AppContext } from "../../context";

/**
 * feeds.tag_fan_out {statusId, after?, batch?} (enqueued by fanOutStatus): one batch of
 * followers per transaction, the next batch enqueued in it. Then streams: the first batch
 * streams the `update` everyone else gets (fanOutStatus deferred it here), later batches only to
 * the followers they added, so each user stream sees the status once. Streaming runs after the
 * commit, before the next batch can, and its failure does not redo the batch.
 */
export function runTagFanOut(ctx: AppContext, p: TagFanOutPayload): void {
  const r = ctx.db.transaction(() => runTagFanOutBatch(ctx, p)).immediate();
  if (!r || (!r.first && r.inserted.length === 0)) return;
  try {
    publishStatus(ctx, p.statusId, "update", r.first ? undefined : r.inserted);
  } catch (err) {
    ctx.log.warn(`feeds.tag_fan_out ${p.statusId}: streaming failed: ${err instanceof Error ? err.message : err}`);
  }
}

/**
 * feeds.fan_out {statusId} (enqueued by createStatus through fanOutLocalStatus; Mastodon's
 * DistributionWorker): followers' home feeds and lists in one transaction, then the `update`
 * streamed after the commit, so a user stream only hears of a status its feed already holds.
 * When hashtag followers are to get it, the `feeds.tag_fan_out` job enqueued here streams it
 * instead. Streaming failure is logged and does not redo the fan-out.
 */
export function runFanOut(ctx: AppContext, p: { statusId: number }): void {
  const stream = fanOutToFollowersOf(ctx, p.statusId);
  if (!stream) return;
  try {
    publishStatus(ctx, p.statusId, "update");
  } catch (err) {
    ctx.log.warn(`feeds.fan_out ${p.statusId}: streaming failed: ${err instanceof Error ? err.message : err}`);
  }
}
