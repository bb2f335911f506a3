/** Applies the SQL files in migrations/ in order, each once, each in its own transaction. */
import type { Database } from "bun:sqlite";
import { MIGRATIONS } from "./migration-files";

/** Applies pending migrations; returns the names it applied. */
export function migrate(db: Database): string[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const done = new Set(
    db
      .query<{ name: string }, []>("SELECT name FROM schema_migrations")
      .all()
      .map((r) => r.name),
  );
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.query("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(m.name, Date.now());
    }).immediate();
    applied.push(m.name);
  }
  return applied;
}

/** Names of the migrations recorded in `db` (empty for a new or empty file), in order applied. */
export function appliedMigrations(db: Database): string[] {
  const has = db
    .query<{ n: number }, []>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!has?.n) return [];
  return db
    .query<{ name: string }, []>("SELECT name FROM schema_migrations ORDER BY name")
    .all()
    .map((r) => r.name);
}

/** Names of this binary's migrations that `db` has not applied yet. */
export function pendingMigrations(db: Database): string[] {
  const done = new Set(appliedMigrations(db));
  return MIGRATIONS.filter((m) => !done.has(m.name)).map((m) => m.name);
}
