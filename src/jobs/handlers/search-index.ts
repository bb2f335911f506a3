/**
 * search.index_queue: folds the queue of new statuses into the search index (migration 0039).
 * search.merge_index: merges the FTS5 search indexes' segments into one (scheduled nightly),
 * a bounded step at a time with a pause between steps so requests and writes go on meanwhile.
 */
import type { AppContext } from "../../context";
import { indexQueuedStatuses, mergeSearchIndexStep, SEARCH_INDEXES, searchIndexSegments } from "../../db/queries/search-index";

/** Pages of merge work per step (each step is one short write transaction). */
const PAGES_PER_STEP = 64;
/** Wall time one run may take; what is left waits for the next run. */
const BUDGET_MS = 120_000;
/** Pause between steps, so the event loop serves requests in between. */
const PAUSE_MS = 20;
/**
 * Indexes with this many segments or fewer are left alone: a merge rewrites the whole index
 * (100 MB at a million statuses), which a quiet instance on an SD card should not do nightly
 * for a few new segments that cost lookups little.
 */
export const MERGE_ABOVE_SEGMENTS = 4;

/**
 * search.merge_index {}: merges each search index with more than MERGE_ABOVE_SEGMENTS segments
 * down to one, within BUDGET_MS; logs what it did.
 */
export async function runSearchMergeIndex(ctx: AppContext): Promise<void> {
  const t0 = performance.now();
  for (const table of SEARCH_INDEXES) {
    const before = searchIndexSegments(ctx.db, table);
    if (before <= MERGE_ABOVE_SEGMENTS) continue;
    let steps = 0;
    while (performance.now() - t0 < BUDGET_MS && mergeSearchIndexStep(ctx.db, table, PAGES_PER_STEP)) {
      steps++;
      await Bun.sleep(PAUSE_MS);
    }
    ctx.log.info(
      `search index ${table}: ${before} -> ${searchIndexSegments(ctx.db, table)} segments in ${steps} steps, ${((performance.now() - t0) / 1000).toFixed(1)} s so far`,
    );
  }
}

/**
 * search.index_queue {} (every five minutes): indexes the statuses queued since the last fold,
 * e.g. remote ones from the inbox (a local post's fan-out job and every search fold it too).
 */
export function runSearchIndexQueue(ctx: AppContext): void {
  indexQueuedStatuses(ctx.db);
}
