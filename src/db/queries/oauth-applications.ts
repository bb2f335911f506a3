/** Named queries on the `oauth_applications` table. */
import type { Database } from "bun:sqlite";

/** True when OAuth application `id` exists. */
export function applicationExists(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM oauth_applications WHERE id = ?").get(id);
}
