/**
 * Admin API domain blocks (POST/PUT/DELETE /api/v1/admin/domain_blocks) on top of the same
 * service the `hearth admin domains` CLI uses, so both see and change the same blocks.
 */
import type { AppContext } from "../../context";
import { getDomainBlock } from "../../db/queries/domain-blocks";
import { ApiError, notFound, validation } from "../../model/errors";
import {
  blockDomain,
  domainRule,
  normalizeDomain,
  SEVERITIES,
  unblockDomain,
  type DomainBlockExtras,
  type DomainBlockRow,
  type DomainSeverity,
} from "./block-domain";
import { toAdminDomainBlock } from "../../serializers/mastodon/admin-account";

/** Parsed create/update parameters (undefined: not given). */
export interface DomainBlockInput extends DomainBlockExtras {
  domain?: string;
  severity?: string;
  rejectMedia?: boolean;
}

const MAX_COMMENT = 1000;

/** The block by id; 404 when there is none. */
export function findDomainBlock(ctx: AppContext, id: number | undefined): DomainBlockRow {
  const row = id === undefined ? null : getDomainBlock(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

function checkSeverity(raw: string | undefined): DomainSeverity | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!SEVERITIES.includes(raw as DomainSeverity)) throw validation("Severity is not included in the list");
  return raw as DomainSeverity;
}

function checkComments(i: DomainBlockInput): void {
  for (const [k, v] of [
    ["Private comment", i.privateComment],
    ["Public comment", i.publicComment],
  ] as const) {
    if (v && v.length > MAX_COMMENT) throw validation(`${k} is too long (maximum is ${MAX_COMMENT} characters)`);
  }
}

const RANK: Record<DomainSeverity, number> = { noop: 0, silence: 1, suspend: 2 };

/** Mastodon's DomainBlock#stricter_than?: does the new block limit more than `old`? */
function stricterThan(n: { severity: DomainSeverity; rejectMedia: boolean; rejectReports: boolean }, old: DomainBlockRow): boolean {
  if (n.severity === "suspend") return true;
  if (RANK[old.severity] > RANK[n.severity]) return false;
  return (n.rejectMedia || !old.reject_media) && (n.rejectReports || !old.reject_reports);
}

/**
 * Creates a block (default severity silence). 422 when the domain is blank or invalid, or a
 * block on it (or an at least as strict one on a parent domain) exists, as Mastodon answers.
 */
export function createDomainBlock(ctx: AppContext, i: DomainBlockInput, actor: number | null = null): DomainBlockRow {
  if (!i.domain?.trim()) throw validation("Domain can't be blank");
  const domain = normalizeDomain(i.domain);
  if (!domain) throw validation("Domain is not a valid domain name");
  const severity = checkSeverity(i.severity) ?? "silence";
  checkComments(i);
  const wanted = { severity, rejectMedia: !!i.rejectMedia, rejectReports: !!i.rejectReports };
  const old = domainRule(ctx, domain);
  if (old && (old.domain === domain || !stricterThan(wanted, old))) {
    throw new ApiError(422, `You have already imposed stricter limits on ${old.domain}.`, {
      existing_domain_block: toAdminDomainBlock(old),
    });
  }
  return blockDomain(
    ctx,
    {
      domain,
      ...wanted,
      privateComment: i.privateComment ?? null,
      publicComment: i.publicComment ?? null,
      obfuscate: !!i.obfuscate,
    },
    actor,
  );
}

/** Changes a block; fields not given keep their values. Re-applies the account marks of the new severity. */
export function updateDomainBlock(
  ctx: AppContext,
  id: number | undefined,
  i: DomainBlockInput,
  actor: number | null = null,
): DomainBlockRow {
  const old = findDomainBlock(ctx, id);
  const severity = checkSeverity(i.severity) ?? old.severity;
  checkComments(i);
  return blockDomain(
    ctx,
    {
      domain: old.domain,
      severity,
      rejectMedia: i.rejectMedia ?? !!old.reject_media,
      rejectReports: i.rejectReports,
      privateComment: i.privateComment,
      publicComment: i.publicComment,
      obfuscate: i.obfuscate,
    },
    actor,
  );
}

/** Lifts a block (and the suspensions/silences it made). */
export function removeDomainBlock(ctx: AppContext, id: number | undefined, actor: number | null = null): void {
  const row = findDomainBlock(ctx, id);
  unblockDomain(ctx, row.domain, actor);
}
