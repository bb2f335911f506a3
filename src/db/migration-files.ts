/**
 * The SQL files of migrations/, imported as text so the compiled binary carries them.
 * Append one line per new file; files are never edited once released.
 */
import m0001 from "../../migrations/0001_init.sql" with { type: "text" };

/** Migrations in the order they apply. */
export const MIGRATIONS: { name: string; sql: string }[] = [
  { name: "0001_init", sql: m0001 },
];
