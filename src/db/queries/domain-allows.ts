/** Queries on `domain_allows` (the allow-list of LIMITED_FEDERATION_MODE). */
import type { Database } from "bun:sqlite";

/** A row of `domain_allows`. */
export interface DomainAllowRow {
  id: number;
  domain: string;
  created_at: number;
}

/** Allows newest first (at most `limit`, below `maxId`). */
export function listDomainAllows(db: Database, limit: number, maxId?: number): DomainAllowRow[] {
  return db
    .query<DomainAllowRow, [number, number]>("SELECT * FROM domain_allows WHERE id < ? ORDER BY id DESC LIMIT ?")
    .all(maxId ?? Number.MAX_SAFE_INTEGER, limit);
}

/** One allow by id. */
export function getDomainAllow(db: Database, id: number): DomainAllowRow | null {
  return db.query<DomainAllowRow, [number]>("SELECT * FROM domain_allows WHERE id = ?").get(id);
}

/** The allow of exactly `domain`. */
export function findDomainAllow(db: Database, domain: string): DomainAllowRow | null {
  return db.query<DomainAllowRow, [string]>("SELECT * FROM domain_allows WHERE domain = ?").get(domain);
}

/** True when any of `domains` is allowed. */
export function anyDomainAllowed(db: Database, domains: readonly string[]): boolean {
  return !!db.query("SELECT 1 FROM domain_allows WHERE domain IN (SELECT value FROM json_each(?)) LIMIT 1").get(JSON.stringify(domains));
}

/** Inserts an allow; returns its id. */
export function insertDomainAllow(db: Database, domain: string, at: number): number {
  return db
    .query<{ id: number }, [string, number]>("INSERT INTO domain_allows (domain, created_at) VALUES (?, ?) RETURNING id")
    .get(domain, at)!.id;
}

/** Deletes an allow. */
export function deleteDomainAllow(db: Database, id: number): void {
  db.query("DELETE FROM domain_allows WHERE id = ?").run(id);
}
