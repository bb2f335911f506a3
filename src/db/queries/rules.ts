/** Queries on `rules` (the server rules reports may cite). */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** Those of `ids` that are rules (one query). */
export function existingRuleIds(db: Database, ids: readonly number[]): number[] {
  return selectIn<{ id: number }>(db, (ph) => `SELECT id FROM rules WHERE id IN (${ph})`, ids).map((r) => r.id);
}

/** The server rules in display order. */
export function listRules(db: Database): { id: number; text: string; hint: string }[] {
  return db.query<{ id: number; text: string; hint: string }, []>("SELECT id, text, hint FROM rules ORDER BY position, id").all();
}
