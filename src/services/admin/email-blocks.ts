/**
 * E-mail domain blocks and canonical e-mail blocks (Mastodon's EmailDomainBlock and
 * CanonicalEmailBlock): admin create/delete, and the sign-up check. A domain block covers its
 * subdomains; with EMAIL_DOMAIN_BLOCKS_CHECK_MX the domain's MX hosts are checked too (a DNS
 * lookup per sign-up, off by default). Canonical blocks hold only the SHA-256 of the canonical address.
 */
import { createHash } from "node:crypto";
import { resolveMx } from "node:dns/promises";
import type { AppContext } from "../../context";
import { transaction } from "../../db/connection";
import {
  countEmailDomainBlockAttempt,
  deleteCanonicalEmailBlock,
  deleteEmailDomainBlock,
  findCanonicalEmailBlocks,
  findEmailDomainBlocks,
  getCanonicalEmailBlock,
  getEmailDomainBlock,
  insertCanonicalEmailBlock,
  insertEmailDomainBlock,
  type CanonicalEmailBlockRow,
  type EmailDomainBlockRow,
} from "../../db/queries/email-blocks";
import { notFound, validation } from "../../model/errors";
import { logAdminAction } from "./action-log";

/** Mastodon's canonical form: lower case, dots and a +tag removed from the local part (every domain). */
export function canonicalEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.indexOf("@");
  const user = (at < 0 ? lower : lower.slice(0, at)).replaceAll(".", "").split("+")[0]!;
  return at < 0 ? user : `${user}@${lower.slice(at + 1)}`;
}

/** SHA-256 (hex) of the canonical form of `email`. */
export function canonicalEmailHash(email: string): string {
  return createHash("sha256").update(canonicalEmail(email)).digest("hex");
}

/** A domain and each of its parents (`a.b.example`, `b.example`, `example`). */
function withParents(domain: string): string[] {
  const parts = domain.toLowerCase().replace(/\.$/, "").split(".");
  return parts.map((_, i) => parts.slice(i).join(".")).filter(Boolean);
}

const DOMAIN_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Blocks sign-ups with addresses on `raw` (and its subdomains). 422 when blank, invalid or already blocked. */
export function createEmailDomainBlock(ctx: AppContext, raw: string | undefined, actor: number | null = null): EmailDomainBlockRow {
  const domain = (raw ?? "").trim().toLowerCase().replace(/\.$/, "");
  if (!domain) throw validation("Domain can't be blank");
  if (!DOMAIN_RE.test(domain)) throw validation("Domain is not a valid domain name");
  if (findEmailDomainBlocks(ctx.db, [domain]).length) throw validation("Domain has already been taken");
  const id = transaction(ctx.db, () => {
    const id = insertEmailDomainBlock(ctx.db, domain, ctx.now());
    logAdminAction(ctx, actor, "create", "EmailDomainBlock", id, domain);
    return id;
  });
  return getEmailDomainBlock(ctx.db, id)!;
}

/** The e-mail domain block by id; 404 when there is none. */
export function findEmailDomainBlock(ctx: AppContext, id: number | undefined): EmailDomainBlockRow {
  const row = id === undefined ? null : getEmailDomainBlock(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

/** The e-mail domain block on exactly `raw` (any case, trailing dot), or null. */
export function emailDomainBlockByDomain(ctx: AppContext, raw: string): EmailDomainBlockRow | null {
  const domain = raw.trim().toLowerCase().replace(/\.$/, "");
  return domain ? (findEmailDomainBlocks(ctx.db, [domain])[0] ?? null) : null;
}

/** Lifts an e-mail domain block. */
export function removeEmailDomainBlock(ctx: AppContext, id: number | undefined, actor: number | null = null): void {
  const row = findEmailDomainBlock(ctx, id);
  transaction(ctx.db, () => {
    deleteEmailDomainBlock(ctx.db, row.id);
    logAdminAction(ctx, actor, "destroy", "EmailDomainBlock", row.id, row.domain);
  });
}

/** Blocks an address by its canonical hash (from `email`, or a given 64-hex `canonical_email_hash`). */
export function createCanonicalEmailBlock(
  ctx: AppContext,
  i: { email?: string; hash?: string },
  actor: number | null = null,
): CanonicalEmailBlockRow {
  let hash: string;
  if (i.email?.trim()) {
    if (!i.email.includes("@")) throw validation("Email is invalid");
    hash = canonicalEmailHash(i.email);
  } else if (i.hash?.trim()) {
    hash = i.hash.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) throw validation("Canonical email hash is invalid");
  } else throw validation("Canonical email hash can't be blank");
  if (findCanonicalEmailBlocks(ctx.db, hash).length) throw validation("Canonical email hash has already been taken");
  const id = transaction(ctx.db, () => {
    const id = insertCanonicalEmailBlock(ctx.db, hash, ctx.now());
    logAdminAction(ctx, actor, "create", "CanonicalEmailBlock", id, hash);
    return id;
  });
  return getCanonicalEmailBlock(ctx.db, id)!;
}

/** The canonical block by id; 404 when there is none. */
export function findCanonicalEmailBlock(ctx: AppContext, id: number | undefined): CanonicalEmailBlockRow {
  const row = id === undefined ? null : getCanonicalEmailBlock(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

/** Lifts a canonical e-mail block. */
export function removeCanonicalEmailBlock(ctx: AppContext, id: number | undefined, actor: number | null = null): void {
  const row = findCanonicalEmailBlock(ctx, id);
  transaction(ctx.db, () => {
    deleteCanonicalEmailBlock(ctx.db, row.id);
    logAdminAction(ctx, actor, "destroy", "CanonicalEmailBlock", row.id, row.canonical_email_hash);
  });
}

/** The canonical blocks matching `email` (POST /api/v1/admin/canonical_email_blocks/test). */
export function testCanonicalEmail(ctx: AppContext, email: string | undefined): CanonicalEmailBlockRow[] {
  if (!email?.trim()) throw validation("Email can't be blank");
  return findCanonicalEmailBlocks(ctx.db, canonicalEmailHash(email));
}

async function mxHosts(domain: string): Promise<string[]> {
  try {
    return (await resolveMx(domain)).map((r) => r.exchange.toLowerCase()).filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * Why a sign-up with `email` is refused, or null: a canonical block, or a domain block on its domain,
 * a parent, or (EMAIL_DOMAIN_BLOCKS_CHECK_MX) one of its MX hosts. A domain-block hit is counted.
 */
export async function signUpEmailBlocked(ctx: AppContext, email: string): Promise<"canonical" | "domain" | null> {
  if (findCanonicalEmailBlocks(ctx.db, canonicalEmailHash(email)).length) return "canonical";
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const names = withParents(domain);
  if (ctx.config.emailDomainBlocksCheckMx) for (const h of await mxHosts(domain)) names.push(...withParents(h));
  const hit = findEmailDomainBlocks(ctx.db, names)[0];
  if (!hit) return null;
  transaction(ctx.db, () => countEmailDomainBlockAttempt(ctx.db, hit.id, Math.floor(ctx.now() / 86_400_000)));
  return "domain";
}
