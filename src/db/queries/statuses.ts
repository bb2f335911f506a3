/** Queries on `statuses`: single rows, counters and the small lookups services compose. */
import type { Database } from "bun:sqlite";
import type { StatusRow } from "../rows";

/** The status `id`, else null. */
export function getStatus(db: Database, id: number): StatusRow | null {
  return db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(id);
}
