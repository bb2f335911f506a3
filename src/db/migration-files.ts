/**
 * The SQL files of migrations/, imported as text so the compiled binary carries them.
 * Append one line per new file; files are never edited once released.
 */
import m0001 from "../../migrations/0001_init.sql" with { type: "text" };
import m0005 from "../../migrations/0005_timelines.sql" with { type: "text" };
import m0007 from "../../migrations/0007_polls.sql" with { type: "text" };
import m0008 from "../../migrations/0008_federation_delivery.sql" with { type: "text" };
import m0009 from "../../migrations/0009_remote_actors.sql" with { type: "text" };
import m0010 from "../../migrations/0010_inbox.sql" with { type: "text" };
import m0011 from "../../migrations/0011_outbound.sql" with { type: "text" };
import m0012 from "../../migrations/0012_conversations.sql" with { type: "text" };

/** Migrations in the order they apply. */
export const MIGRATIONS: { name: string; sql: string }[] = [
  { name: "0001_init", sql: m0001 },
  { name: "0005_timelines", sql: m0005 },
  { name: "0007_polls", sql: m0007 },
  { name: "0008_federation_delivery", sql: m0008 },
  { name: "0009_remote_actors", sql: m0009 },
  { name: "0010_inbox", sql: m0010 },
  { name: "0011_outbound", sql: m0011 },
  { name: "0012_conversations", sql: m0012 },
];
