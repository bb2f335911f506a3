/** Queries on `email_domain_blocks` (with their attempt counts) and `canonical_email_blocks`. */
import type { Database } from "bun:sqlite";

/** A row of `email_domain_blocks`. */
export interface EmailDomainBlockRow {
  id: number;
  domain: string;
  created_at: number;
}

/** A row of `canonical_email_blocks`. */
export interface CanonicalEmailBlockRow {
  id: number;
  canonical_email_hash: string;
  created_at: number;
}

/** E-mail domain blocks newest first. */
export function listEmailDomainBlocks(db: Database, limit: number, maxId?: number): EmailDomainBlockRow[] {
  return db
    .query<EmailDomainBlockRow, [number, number]>("SELECT * FROM email_domain_blocks WHERE id < ? ORDER BY id DESC LIMIT ?")
    .all(maxId ?? Number.MAX_SAFE_INTEGER, limit);
}

/** One e-mail domain block by id. */
export function getEmailDomainBlock(db: Database, id: number): EmailDomainBlockRow | null {
  return db.query<EmailDomainBlockRow, [number]>("SELECT * FROM email_domain_blocks WHERE id = ?").get(id);
}

/** The blocks on any of `domains`, most specific (longest) first. */
export function findEmailDomainBlocks(db: Database, domains: readonly string[]): EmailDomainBlockRow[] {
  if (domains.length === 0) return [];
  return db
    .query<EmailDomainBlockRow, [string]>(
      "SELECT * FROM email_domain_blocks WHERE domain IN (SELECT value FROM json_each(?)) ORDER BY length(domain) DESC",
    )
    .all(JSON.stringify(domains));
}

/** Inserts an e-mail domain block; returns its id. */
export function insertEmailDomainBlock(db: Database, domain: string, at: number): number {
  return db
    .query<{ id: number }, [string, number]>("INSERT INTO email_domain_blocks (domain, created_at) VALUES (?, ?) RETURNING id")
    .get(domain, at)!.id;
}

/** Deletes an e-mail domain block. */
export function deleteEmailDomainBlock(db: Database, id: number): void {
  db.query("DELETE FROM email_domain_blocks WHERE id = ?").run(id);
}

/** Counts one refused sign-up against a block on `day`. */
export function countEmailDomainBlockAttempt(db: Database, blockId: number, day: number): void {
  db.query(
    "INSERT INTO email_domain_block_attempts (block_id, day, uses) VALUES (?, ?, 1) ON CONFLICT (block_id, day) DO UPDATE SET uses = uses + 1",
  ).run(blockId, day);
}

/** Attempts of blocks `ids` on days [first, last]: block_id, day, uses. */
export function emailDomainBlockAttempts(
  db: Database,
  ids: readonly number[],
  first: number,
  last: number,
): { block_id: number; day: number; uses: number }[] {
  if (ids.length === 0) return [];
  return db
    .query<{ block_id: number; day: number; uses: number }, [string, number, number]>(
      "SELECT block_id, day, uses FROM email_domain_block_attempts WHERE block_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?",
    )
    .all(JSON.stringify(ids), first, last);
}

/** Canonical e-mail blocks newest first. */
export function listCanonicalEmailBlocks(db: Database, limit: number, maxId?: number): CanonicalEmailBlockRow[] {
  return db
    .query<CanonicalEmailBlockRow, [number, number]>("SELECT * FROM canonical_email_blocks WHERE id < ? ORDER BY id DESC LIMIT ?")
    .all(maxId ?? Number.MAX_SAFE_INTEGER, limit);
}

/** One canonical e-mail block by id. */
export function getCanonicalEmailBlock(db: Database, id: number): CanonicalEmailBlockRow | null {
  return db.query<CanonicalEmailBlockRow, [number]>("SELECT * FROM canonical_email_blocks WHERE id = ?").get(id);
}

/** The blocks with this hash (zero or one). */
export function findCanonicalEmailBlocks(db: Database, hash: string): CanonicalEmailBlockRow[] {
  return db.query<CanonicalEmailBlockRow, [string]>("SELECT * FROM canonical_email_blocks WHERE canonical_email_hash = ?").all(hash);
}

/** Inserts a canonical e-mail block; returns its id. */
export function insertCanonicalEmailBlock(db: Database, hash: string, at: number): number {
  return db
    .query<{ id: number }, [string, number]>(
      "INSERT INTO canonical_email_blocks (canonical_email_hash, created_at) VALUES (?, ?) RETURNING id",
    )
    .get(hash, at)!.id;
}

/** Deletes a canonical e-mail block. */
export function deleteCanonicalEmailBlock(db: Database, id: number): void {
  db.query("DELETE FROM canonical_email_blocks WHERE id = ?").run(id);
}
