/** Small helpers for building parameterised SQL. */
import type { Database } from "bun:sqlite";

/** "?, ?, ?" for n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** What `selectIn` puts between the parentheses of `IN (…)`: one JSON array parameter. */
const JSON_LIST = "SELECT value FROM json_each(?)";

/**
 * Runs `SELECT … WHERE col IN (…)` and returns its rows. The list is bound as one JSON array
 * (`IN (SELECT value FROM json_each(?))`), so each query shape is one cached prepared
 * statement whatever the list's length, and there is no bind-variable limit.
 */
export function selectIn<T>(
  db: Database,
  sqlWithIn: (ph: string) => string,
  ids: readonly (number | string)[],
  extra: (number | string | null)[] = [],
): T[] {
  if (ids.length === 0) return [];
  const unique = ids.length === 1 ? ids : [...new Set(ids)];
  return db.query(sqlWithIn(JSON_LIST)).all(...extra, JSON.stringify(unique)) as T[];
}
