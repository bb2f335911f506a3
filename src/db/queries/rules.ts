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

/** Rule row as stored. */
export interface RuleRow {
  id: number;
  text: string;
  hint: string;
  position: number;
  created_at: number;
}

/** One rule, or null. */
export function getRule(db: Database, id: number): RuleRow | null {
  return db.query<RuleRow, [number]>("SELECT * FROM rules WHERE id = ?").get(id);
}

/** Every rule row in display order. */
export function listRuleRows(db: Database): RuleRow[] {
  return db.query<RuleRow, []>("SELECT * FROM rules ORDER BY position, id").all();
}

/** Adds a rule at `position`. */
export function insertRule(db: Database, r: RuleRow): void {
  db.query("INSERT INTO rules (id, text, hint, position, created_at) VALUES (?, ?, ?, ?, ?)").run(
    r.id,
    r.text,
    r.hint,
    r.position,
    r.created_at,
  );
}

/** Changes a rule's text, hint and position. */
export function updateRule(db: Database, id: number, text: string, hint: string, position: number): void {
  db.query("UPDATE rules SET text = ?, hint = ?, position = ? WHERE id = ?").run(text, hint, position, id);
}

/** Deletes a rule. */
export function deleteRule(db: Database, id: number): void {
  db.query("DELETE FROM rules WHERE id = ?").run(id);
}
