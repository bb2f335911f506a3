/** Database checks that change nothing: `hearth doctor` runs them before anything opens the file for writing. */
import { Database } from "bun:sqlite";

/**
 * Opens the database at `path` read-only and runs `PRAGMA quick_check` (pages, records and
 * indexes' order, without the full index-to-table cross-check of integrity_check). Returns
 * SQLite's findings: `["ok"]` for a sound database. Throws when the file cannot be opened as a
 * database at all.
 */
export function quickCheck(path: string, maxErrors = 5): string[] {
  const db = new Database(path, { readonly: true });
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    return db
      .query<{ quick_check: string }, []>(`PRAGMA quick_check(${Math.max(1, Math.floor(maxErrors))})`)
      .all()
      .map((r) => r.quick_check);
  } finally {
    db.close();
  }
}
