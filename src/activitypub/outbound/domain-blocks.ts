/** Admin domain blocks (owner: signatures helper): suspend, silence, reject media. */
import type { AppContext } from "../../context";
import { placeholders } from "../../db/sql";

export type DomainSeverity = "suspend" | "silence" | "noop";
export interface DomainPolicy { severity: DomainSeverity; rejectMedia: boolean }

export const SEVERITIES: readonly DomainSeverity[] = ["suspend", "silence", "noop"];

export interface DomainBlockRow {
  id: number;
  domain: string;
  severity: DomainSeverity;
  reject_media: number;
  /** 0019: the admin API's extra fields (the CLI leaves them as they are). */
  reject_reports: number;
  private_comment: string | null;
  public_comment: string | null;
  obfuscate: number;
  created_at: number;
  updated_at: number;
}

/**
 * Normalizes a domain as typed or as found in a URL: lower case, punycode, no trailing dot,
 * port kept. Null when it is not a plausible host name.
 */
export function normalizeDomain(input: string): string | null {
  const d = input.trim().toLowerCase().replace(/\.$/, "");
  if (!d || /[\s/@?#]/.test(d)) return null;
  try {
    const host = new URL(`http://${d}`).host;
    return /^[a-z0-9.\-:[\]]+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** The host itself, the host without its port, then each parent domain (most specific first). */
function candidates(host: string): string[] {
  const out = [host];
  const bare = host.startsWith("[") ? host.replace(/:\d+$/, "") : host.replace(/:\d+$/, "");
  if (bare !== host) out.push(bare);
  if (!/^[\d.]+$/.test(bare) && !bare.startsWith("[")) {
    const parts = bare.split(".");
    for (let i = 1; i < parts.length - 1; i++) out.push(parts.slice(i).join("."));
  }
  return out;
}

/** The block that applies to a host (subdomains inherit a parent's block), or null. */
export function domainRule(ctx: AppContext, host: string): DomainBlockRow | null {
  const norm = normalizeDomain(host);
  if (!norm) return null;
  const list = candidates(norm);
  const rows = ctx.db.query<DomainBlockRow, string[]>(`SELECT * FROM domain_blocks WHERE domain IN (${placeholders(list.length)})`).all(...list);
  // The most specific block wins (a subdomain's own rule overrides its parent's).
  return list.map((d) => rows.find((r) => r.domain === d)).find((r) => r) ?? null;
}

/** The policy for a host (subdomains inherit a parent's block), or null when not blocked. */
export function domainPolicy(ctx: AppContext, host: string): DomainPolicy | null {
  const row = domainRule(ctx, host);
  return row ? { severity: row.severity, rejectMedia: row.reject_media === 1 } : null;
}

/** True when the host is suspended (nothing is fetched from or delivered to it). */
export function isSuspendedDomain(ctx: AppContext, host: string): boolean {
  return domainPolicy(ctx, host)?.severity === "suspend";
}

/** True when reports (Flag activities) from the host are rejected by a block. */
export function rejectsReports(ctx: AppContext, host: string): boolean {
  return domainRule(ctx, host)?.reject_reports === 1;
}

/** The admin API's optional fields of a block; undefined leaves a field as it is. */
export interface DomainBlockExtras {
  rejectReports?: boolean;
  privateComment?: string | null;
  publicComment?: string | null;
  obfuscate?: boolean;
}

/** SQL condition matching accounts of `domain` and its subdomains (binds: domain, '%.' || domain). */
const ACCOUNTS_OF = "domain IS NOT NULL AND (lower(domain) = ? OR lower(domain) LIKE ?)";

/**
 * Creates or updates a block in one transaction. Suspend marks the domain's remote accounts
 * suspended and silence marks them silenced, stamped with the block's time so that unblocking
 * undoes exactly what the block did. Suspend or reject_media enqueues `media.clear_domain`.
 */
export function blockDomain(ctx: AppContext, input: { domain: string; severity: DomainSeverity; rejectMedia: boolean } & DomainBlockExtras): DomainBlockRow {
  const domain = normalizeDomain(input.domain);
  if (!domain) throw new Error(`invalid domain "${input.domain}"`);
  if (!SEVERITIES.includes(input.severity)) throw new Error(`invalid severity "${input.severity}"`);
  const t = ctx.now();
  return ctx.db.transaction(() => {
    const old = ctx.db.query<DomainBlockRow, [string]>("SELECT * FROM domain_blocks WHERE domain = ?").get(domain);
    if (old) undoAccountMarks(ctx, old);
    const row = ctx.db.query<DomainBlockRow, any[]>(
      `INSERT INTO domain_blocks (id, domain, severity, reject_media, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (domain) DO UPDATE SET severity = excluded.severity, reject_media = excluded.reject_media, updated_at = excluded.updated_at
       RETURNING *`,
    ).get(ctx.ids.next(), domain, input.severity, input.rejectMedia ? 1 : 0, t, t)!;
    setExtras(ctx, row, input);
    const col = row.severity === "suspend" ? "suspended_at" : row.severity === "silence" ? "silenced_at" : null;
    if (col) {
      ctx.db.query(`UPDATE accounts SET ${col} = ?, updated_at = ? WHERE ${ACCOUNTS_OF} AND ${col} IS NULL`).run(row.updated_at, t, domain, `%.${domain}`);
    }
    if (row.severity === "suspend") severRelationships(ctx, domain);
    // As Mastodon's block: cached media of the domain goes when it is suspended or its media rejected.
    if (row.severity === "suspend" || row.reject_media === 1) ctx.jobs.enqueue("media.clear_domain", { domain });
    return row;
  }).immediate();
}

function setExtras(ctx: AppContext, row: DomainBlockRow, x: DomainBlockExtras): void {
  const sets: [string, string | number | null][] = [];
  if (x.rejectReports !== undefined) sets.push(["reject_reports", x.rejectReports ? 1 : 0]);
  if (x.privateComment !== undefined) sets.push(["private_comment", x.privateComment || null]);
  if (x.publicComment !== undefined) sets.push(["public_comment", x.publicComment || null]);
  if (x.obfuscate !== undefined) sets.push(["obfuscate", x.obfuscate ? 1 : 0]);
  if (!sets.length) return;
  ctx.db.query(`UPDATE domain_blocks SET ${sets.map(([k]) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...sets.map(([, v]) => v), row.id);
  for (const [k, v] of sets) (row as unknown as Record<string, unknown>)[k] = v;
}

/**
 * Suspension severs every follow and follow request between local accounts and the domain's
 * accounts (as Mastodon does), drops the domain's posts from home feeds and fixes the counters.
 */
function severRelationships(ctx: AppContext, domain: string): void {
  const db = ctx.db;
  const remote = `SELECT id FROM accounts WHERE ${ACCOUNTS_OF}`;
  const args = [domain, `%.${domain}`];
  const touched = db.query<{ id: number }, any[]>(
    `SELECT account_id AS id FROM follows WHERE target_account_id IN (${remote})
     UNION SELECT target_account_id AS id FROM follows WHERE account_id IN (${remote})`,
  ).all(...args, ...args).map((r) => r.id);
  for (const table of ["follows", "follow_requests"]) {
    db.query(`DELETE FROM ${table} WHERE account_id IN (${remote}) OR target_account_id IN (${remote})`).run(...args, ...args);
  }
  db.query(`DELETE FROM home_feeds WHERE status_id IN (SELECT id FROM statuses WHERE account_id IN (${remote}))`).run(...args);
  const recount = db.query(
    `UPDATE accounts SET followers_count = (SELECT count(*) FROM follows WHERE target_account_id = accounts.id),
       following_count = (SELECT count(*) FROM follows WHERE account_id = accounts.id) WHERE id = ?`,
  );
  for (const id of touched) recount.run(id);
}

/** Removes a block and lifts the suspensions/silences it made. False when there was none. */
export function unblockDomain(ctx: AppContext, domainInput: string): boolean {
  const domain = normalizeDomain(domainInput);
  if (!domain) return false;
  return ctx.db.transaction(() => {
    const old = ctx.db.query<DomainBlockRow, [string]>("SELECT * FROM domain_blocks WHERE domain = ?").get(domain);
    if (!old) return false;
    undoAccountMarks(ctx, old);
    ctx.db.query("DELETE FROM domain_blocks WHERE id = ?").run(old.id);
    return true;
  }).immediate();
}

function undoAccountMarks(ctx: AppContext, row: DomainBlockRow): void {
  const col = row.severity === "suspend" ? "suspended_at" : row.severity === "silence" ? "silenced_at" : null;
  if (!col) return;
  ctx.db.query(`UPDATE accounts SET ${col} = NULL, updated_at = ? WHERE ${ACCOUNTS_OF} AND ${col} = ?`).run(ctx.now(), row.domain, `%.${row.domain}`, row.updated_at);
}

/** All blocks, by domain. */
export function listDomainBlocks(ctx: AppContext): DomainBlockRow[] {
  return ctx.db.query<DomainBlockRow, []>("SELECT * FROM domain_blocks ORDER BY domain").all();
}
