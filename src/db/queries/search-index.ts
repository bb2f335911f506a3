/**
 * Upkeep of the FTS5 search indexes (migration 0028): each committed write adds a small
 * segment and FTS5's automerge leaves a few dozen of them, so every lookup (a word's newest
 * matches, a phrase, one status's row in a from: walk) probes each segment. Merging them into
 * one, a bounded step at a time, keeps search cheap without holding the write lock for seconds.
 */
import type { Database } from "bun:sqlite";
import { transaction } from "../transaction";

/** The FTS5 tables search reads. */
export const SEARCH_INDEXES = ["statuses_fts", "statuses_fts_cjk", "accounts_fts"] as const;
export type SearchIndex = (typeof SEARCH_INDEXES)[number];

/**
 * One step of FTS5's incremental optimize ('merge' with a negative page count: every segment
 * takes part, whatever its level) in its own write transaction. True when it merged something,
 * false when `table` is already one segment (FTS5 changes fewer than two rows then).
 */
export function mergeSearchIndexStep(db: Database, table: SearchIndex, pages: number): boolean {
  const changes = db.query<{ n: number }, []>("SELECT total_changes() AS n");
  const before = changes.get()!.n;
  transaction(db, () => db.query(`INSERT INTO ${table}(${table}, rank) VALUES('merge', ?)`).run(-Math.abs(pages)));
  return changes.get()!.n - before >= 2;
}

/** How many segments `table` has (rows of its %_idx table name their segment). */
export function searchIndexSegments(db: Database, table: SearchIndex): number {
  return db.query<{ n: number }, []>(`SELECT count(DISTINCT segid) AS n FROM ${table}_idx`).get()!.n;
}

/** Text without spaces (CJK, Thai…) that the trigram index holds too (migration 0028's test). */
const CJK_GLOB = "'*[⺀-鿿가-힯豈-﫿ｦ-ﾟ฀-๿]*'";

/**
 * Folds the queue of new statuses (migration 0039) into the search index in one transaction:
 * one FTS5 segment for all of them instead of one per post. Each status is indexed as its row
 * is now (edits, polls and media descriptions since it was queued included); deleted ones left
 * the queue with their row. Returns how many were indexed. Inside a caller's transaction it
 * joins it. (Written as `id IN (…)`: a join with the view scans every status instead of looking
 * each queued one up by its key.)
 */
export function indexQueuedStatuses(db: Database): number {
  if (!db.query("SELECT 1 FROM statuses_search_queue LIMIT 1").get()) return 0;
  return transaction(db, () => {
    db.query(
      `INSERT INTO statuses_fts (rowid, body, props, lang)
       SELECT id, body, props, lang FROM status_search_documents WHERE id IN (SELECT status_id FROM statuses_search_queue)`,
    ).run();
    db.query(
      `INSERT INTO statuses_fts_cjk (rowid, body)
       SELECT id, body FROM status_search_documents WHERE id IN (SELECT status_id FROM statuses_search_queue) AND body GLOB ${CJK_GLOB}`,
    ).run();
    return db.query("DELETE FROM statuses_search_queue").run().changes;
  });
}
