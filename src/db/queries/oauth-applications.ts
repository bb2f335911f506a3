/** Named queries on the `oauth_applications` table. */
import type { Database } from "bun:sqlite";
import type { OAuthApplicationRow } from "../rows";

/** True when OAuth application `id` exists. */
export function applicationExists(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM oauth_applications WHERE id = ?").get(id);
}

/** The application with this client_id, else null. */
export function getApplicationByClientId(db: Database, clientId: string): OAuthApplicationRow | null {
  return db.query<OAuthApplicationRow, [string]>("SELECT * FROM oauth_applications WHERE client_id = ?").get(clientId);
}

/** Inserts an application and returns the stored row. */
export function insertApplication(db: Database, a: OAuthApplicationRow): OAuthApplicationRow {
  return db
    .query<OAuthApplicationRow, [number, string, string | null, string, string, string, string, number]>(
      `INSERT INTO oauth_applications (id, name, website, redirect_uris, scopes, client_id, client_secret, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(a.id, a.name, a.website, a.redirect_uris, a.scopes, a.client_id, a.client_secret, a.created_at)!;
}

/** The application `id`, else null. */
export function getApplication(db: Database, id: number): OAuthApplicationRow | null {
  return db.query<OAuthApplicationRow, [number]>("SELECT * FROM oauth_applications WHERE id = ?").get(id);
}
