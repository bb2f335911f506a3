/** Small helpers for building parameterised SQL. */
import type { Database } from "bun:sqlite";

/** "?, ?, ?" for n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** Runs `SELECT … WHERE col IN (…)` in chunks (SQLite bind limit) and concatenates rows. */
export function selectIn<T>(db: Database, sqlWithIn: (ph: string) => string, ids: readonly (number | string)[], extra: (number | string | null)[] = []): T[] {
  const out: T[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    out.push(...(db.query(sqlWithIn(placeholders(chunk.length))).all(...extra, ...chunk) as T[]));
  }
  return out;
}
