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
