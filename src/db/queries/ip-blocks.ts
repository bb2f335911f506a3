/** Queries on `ip_blocks` (Mastodon's IpBlock: an address or CIDR range, a severity, an optional expiry). */
import type { Database } from "bun:sqlite";

import type { IpBlockRow } from "../../serializers/mastodon/admin-ip-block";

export type { IpBlockRow };

/** Blocks newest first (at most `limit`). */
export function listIpBlocks(db: Database, limit: number, maxId?: number): IpBlockRow[] {
  return db
    .query<IpBlockRow, [number, number]>("SELECT * FROM ip_blocks WHERE id < ? ORDER BY id DESC LIMIT ?")
    .all(maxId ?? Number.MAX_SAFE_INTEGER, limit);
}

/** Every block in force at `now` (for matching an address). */
export function listActiveIpBlocks(db: Database, now: number): IpBlockRow[] {
  return db.query<IpBlockRow, [number]>("SELECT * FROM ip_blocks WHERE expires_at IS NULL OR expires_at > ?").all(now);
}

/** One block by id. */
export function getIpBlock(db: Database, id: number): IpBlockRow | null {
  return db.query<IpBlockRow, [number]>("SELECT * FROM ip_blocks WHERE id = ?").get(id);
}

/** The block on exactly `ip` (canonical CIDR text). */
export function findIpBlockByIp(db: Database, ip: string): IpBlockRow | null {
  return db.query<IpBlockRow, [string]>("SELECT * FROM ip_blocks WHERE ip = ?").get(ip);
}

/** Inserts a block; returns its id. */
export function insertIpBlock(db: Database, r: Omit<IpBlockRow, "id">): number {
  return db
    .query<{ id: number }, [string, string, string, number | null, number, number]>(
      "INSERT INTO ip_blocks (ip, severity, comment, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .get(r.ip, r.severity, r.comment, r.expires_at, r.created_at, r.updated_at)!.id;
}

/** Replaces a block's fields. */
export function updateIpBlock(db: Database, id: number, r: Omit<IpBlockRow, "id" | "created_at">): void {
  db.query("UPDATE ip_blocks SET ip = ?, severity = ?, comment = ?, expires_at = ?, updated_at = ? WHERE id = ?").run(
    r.ip,
    r.severity,
    r.comment,
    r.expires_at,
    r.updated_at,
    id,
  );
}

/** Deletes a block. */
export function deleteIpBlock(db: Database, id: number): void {
  db.query("DELETE FROM ip_blocks WHERE id = ?").run(id);
}

/** Changes whenever another connection commits (PRAGMA data_version): the matcher's cache key. */
export function dataVersion(db: Database): number {
  return db.query<{ data_version: number }, []>("PRAGMA data_version").get()!.data_version;
}
