/**
 * The SQL files of migrations/, imported as text so the compiled binary carries them.
 * Append one line per new file; files are never edited once released.
 */
import m0001 from "../../migrations/0001_init.sql" with { type: "text" };
import m0005 from "../../migrations/0005_timelines.sql" with { type: "text" };
import m0007 from "../../migrations/0007_polls.sql" with { type: "text" };

/** Migrations in the order they apply. */
export const MIGRATIONS: { name: string; sql: string }[] = [
  { name: "0001_init", sql: m0001 },
  { name: "0005_timelines", sql: m0005 },
  { name: "0007_polls", sql: m0007 },
];
