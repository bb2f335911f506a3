/**
 * IP blocks (Mastodon's Admin::IpBlock): create, update, delete with Mastodon's validation, and
 * the matcher the server consults on every request (`no_access`) and on sign-up
 * (`sign_up_block`, `sign_up_requires_approval`). Blocks are cached per connection and reloaded
 * after any write here or a commit by another process.
 */
import { logAdminAction } from "./action-log";
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import { transaction } from "../../db/connection";
import {
  dataVersion,
  deleteIpBlock,
  findIpBlockByIp,
  getIpBlock,
  insertIpBlock,
  listActiveIpBlocks,
  updateIpBlock,
  type IpBlockRow,
} from "../../db/queries/ip-blocks";
import { formatIp, inRange, parseIp, parseIpRange, type IpRange } from "../../model/ip-address";
import { notFound, validation } from "../../model/errors";

/** Mastodon's IpBlock severities. */
export const IP_SEVERITIES = ["sign_up_requires_approval", "sign_up_block", "no_access"] as const;
export type IpSeverity = (typeof IP_SEVERITIES)[number];

/** Parsed create/update parameters (undefined: not given). */
export interface IpBlockInput {
  ip?: string;
  severity?: string;
  comment?: string;
  /** Seconds from now; null clears the expiry. */
  expiresIn?: number | null;
}

interface Cached {
  version: number;
  blocks: { row: IpBlockRow; range: IpRange }[];
}
const cache = new WeakMap<Database, Cached>();

/** Canonical CIDR text of an address or range (`192.0.2.1/32`), as Mastodon shows IpBlock.ip. */
export function canonicalIpBlock(text: string): string | null {
  const r = parseIpRange(text.trim());
  if (!r) return null;
  const masked = new Uint8Array(r.bytes);
  let bits = r.prefix;
  for (let i = 0; i < masked.length; i++, bits -= 8) masked[i]! &= bits >= 8 ? 0xff : bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
  return `${formatIp(masked)}/${r.prefix}`;
}

function activeBlocks(ctx: AppContext, version = dataVersion(ctx.db)): Cached["blocks"] {
  let c = cache.get(ctx.db);
  if (!c || c.version !== version) {
    c = {
      version,
      blocks: listActiveIpBlocks(ctx.db, 0)
        .map((row) => ({ row, range: parseIpRange(row.ip)! }))
        .filter((b) => b.range),
    };
    cache.set(ctx.db, c);
  }
  return c.blocks;
}

/** The severities of the unexpired blocks covering `ip` (`version`: the connection's data_version, when the caller just read it). */
export function ipSeverities(ctx: AppContext, ip: string, version?: number): Set<IpSeverity> {
  const out = new Set<IpSeverity>();
  // Every request asks (src/http/route.ts): with no block, no address to parse.
  const blocks = activeBlocks(ctx, version);
  if (blocks.length === 0) return out;
  const addr = parseIp(ip);
  if (!addr) return out;
  const now = ctx.now();
  for (const b of blocks) {
    if (b.row.expires_at !== null && b.row.expires_at <= now) continue;
    if (inRange(addr, b.range)) out.add(b.row.severity as IpSeverity);
  }
  return out;
}

/** True when there is any IP block (expired ones too): without one, no request's address needs to be known. */
export function anyIpBlocks(ctx: AppContext, version?: number): boolean {
  return activeBlocks(ctx, version).length > 0;
}

/** True when `ip` may not reach the server at all (`no_access`). */
export function ipHasNoAccess(ctx: AppContext, ip: string, version?: number): boolean {
  return ipSeverities(ctx, ip, version).has("no_access");
}

/** The block by id; 404 when there is none. */
export function findIpBlock(ctx: AppContext, id: number | undefined): IpBlockRow {
  const row = id === undefined ? null : getIpBlock(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

function checked(ctx: AppContext, i: IpBlockInput, old: IpBlockRow | null): Omit<IpBlockRow, "id" | "created_at"> {
  const now = ctx.now();
  const rawIp = i.ip ?? old?.ip;
  if (!rawIp?.trim()) throw validation("Ip can't be blank");
  const ip = canonicalIpBlock(rawIp);
  if (!ip) throw validation("Ip is invalid");
  const taken = findIpBlockByIp(ctx.db, ip);
  if (taken && taken.id !== old?.id) throw validation("Ip has already been taken");
  const severity = i.severity ?? old?.severity;
  if (!severity) throw validation("Severity can't be blank");
  if (!IP_SEVERITIES.includes(severity as IpSeverity)) throw validation("Severity is not included in the list");
  const comment = i.comment ?? old?.comment ?? "";
  if (comment.length > 1000) throw validation("Comment is too long (maximum is 1000 characters)");
  let expires_at = old?.expires_at ?? null;
  if (i.expiresIn === null) expires_at = null;
  else if (i.expiresIn !== undefined) {
    if (!Number.isInteger(i.expiresIn) || i.expiresIn <= 0) throw validation("Expires in must be greater than 0");
    expires_at = now + i.expiresIn * 1000;
  }
  return { ip, severity, comment, expires_at, updated_at: now };
}

/** The block on exactly `text` (an address or range in any spelling), or null. */
export function ipBlockByIp(ctx: AppContext, text: string): IpBlockRow | null {
  const ip = canonicalIpBlock(text);
  return ip ? findIpBlockByIp(ctx.db, ip) : null;
}

/** Creates a block; 422 on a blank/invalid/taken address or an unknown severity. */
export function createIpBlock(ctx: AppContext, i: IpBlockInput, actor: number | null = null): IpBlockRow {
  const r = checked(ctx, i, null);
  const id = transaction(ctx.db, () => {
    const id = insertIpBlock(ctx.db, { ...r, created_at: r.updated_at });
    logAdminAction(ctx, actor, "create", "IpBlock", id, r.ip);
    return id;
  });
  cache.delete(ctx.db);
  return getIpBlock(ctx.db, id)!;
}

/** Changes a block; fields not given keep their values. */
export function changeIpBlock(ctx: AppContext, id: number | undefined, i: IpBlockInput, actor: number | null = null): IpBlockRow {
  const old = findIpBlock(ctx, id);
  const r = checked(ctx, i, old);
  transaction(ctx.db, () => {
    updateIpBlock(ctx.db, old.id, r);
    logAdminAction(ctx, actor, "update", "IpBlock", old.id, r.ip);
  });
  cache.delete(ctx.db);
  return getIpBlock(ctx.db, old.id)!;
}

/** Lifts a block. */
export function removeIpBlock(ctx: AppContext, id: number | undefined, actor: number | null = null): IpBlockRow {
  const old = findIpBlock(ctx, id);
  transaction(ctx.db, () => {
    deleteIpBlock(ctx.db, old.id);
    logAdminAction(ctx, actor, "destroy", "IpBlock", old.id, old.ip);
  });
  cache.delete(ctx.db);
  return old;
}
