/** Queries on `domain_blocks`: the block that applies to a host, and the admin writes. */
import type { Database } from "bun:sqlite";
import { domainCandidates, normalizeDomain } from "../../model/domains";
import type { DomainBlockRow } from "../rows";
import { placeholders } from "../sql";

/** The block that applies to a host (subdomains inherit a parent's block; the most specific wins), or null. */
export function findDomainBlockFor(db: Database, host: string): DomainBlockRow | null {
  const norm = normalizeDomain(host);
  if (!norm) return null;
  const list = domainCandidates(norm);
  const rows = db
    .query<DomainBlockRow, string[]>(`SELECT * FROM domain_blocks WHERE domain IN (${placeholders(list.length)})`)
    .all(...list);
  // The most specific block wins (a subdomain's own rule overrides its parent's).
  return list.map((d) => rows.find((r) => r.domain === d)).find((r) => r) ?? null;
}

/** The block on exactly `domain` (already normalized), else null. */
export function getDomainBlockByDomain(db: Database, domain: string): DomainBlockRow | null {
  return db.query<DomainBlockRow, [string]>("SELECT * FROM domain_blocks WHERE domain = ?").get(domain);
}

/** Inserts a block or updates severity/reject_media/updated_at of the existing one; returns the row. */
export function upsertDomainBlock(
  db: Database,
  row: { id: number; domain: string; severity: string; reject_media: number; created_at: number; updated_at: number },
): DomainBlockRow {
  return db
    .query<DomainBlockRow, any[]>(
      `INSERT INTO domain_blocks (id, domain, severity, reject_media, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (domain) DO UPDATE SET severity = excluded.severity, reject_media = excluded.reject_media, updated_at = excluded.updated_at
       RETURNING *`,
    )
    .get(row.id, row.domain, row.severity, row.reject_media, row.created_at, row.updated_at)!;
}

/** The columns of a block the admin API may set besides severity and reject_media. */
export type DomainBlockExtraColumn = "reject_reports" | "private_comment" | "public_comment" | "obfuscate";

/** Sets the given extra columns of block `id`. */
export function updateDomainBlockExtras(db: Database, id: number, sets: [DomainBlockExtraColumn, string | number | null][]): void {
  if (!sets.length) return;
  db.query(`UPDATE domain_blocks SET ${sets.map(([k]) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...sets.map(([, v]) => v), id);
}

/** Deletes block `id`. */
export function deleteDomainBlock(db: Database, id: number): void {
  db.query("DELETE FROM domain_blocks WHERE id = ?").run(id);
}

/** All blocks, by domain. */
export function listDomainBlocks(db: Database): DomainBlockRow[] {
  return db.query<DomainBlockRow, []>("SELECT * FROM domain_blocks ORDER BY domain").all();
}

/** The domain block `id`, else null. */
export function getDomainBlock(db: Database, id: number): DomainBlockRow | null {
  return db.query<DomainBlockRow, [number]>("SELECT * FROM domain_blocks WHERE id = ?").get(id);
}

/** The newest `limit` domain blocks (by id), for the admin API list. */
export function listDomainBlocksNewestFirst(db: Database, limit: number): DomainBlockRow[] {
  return db.query<DomainBlockRow, [number]>("SELECT * FROM domain_blocks ORDER BY id DESC LIMIT ?").all(limit);
}
