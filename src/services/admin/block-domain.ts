/**
 * Admin domain blocks (the CLI and the admin API): suspend, silence, reject media, and the
 * effects on the domain's accounts (suspend severs follows and drops the domain from home feeds).
 */
import { logAdminAction } from "./action-log";
import type { AppContext } from "../../context";
import {
  deleteFollowsAcrossDomain,
  deleteHomeFeedsOfDomain,
  listAccountsFollowingAcrossDomain,
  markDomainAccounts,
  recountFollows,
  unmarkDomainAccounts,
} from "../../db/queries/accounts-moderation";
import {
  deleteDomainBlock,
  getDomainBlockByDomain,
  listDomainBlocks as listBlocks,
  updateDomainBlockExtras,
  upsertDomainBlock,
  type DomainBlockExtraColumn,
} from "../../db/queries/domain-blocks";
import type { DomainBlockRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { normalizeDomain, SEVERITIES, type DomainSeverity } from "../../model/domains";

export { normalizeDomain, SEVERITIES, type DomainPolicy, type DomainSeverity } from "../../model/domains";
export type { DomainBlockRow } from "../../db/rows";
export { domainRule } from "../../activitypub/outbound/domain-policy";

/** The admin API's optional fields of a block; undefined leaves a field as it is. */
export interface DomainBlockExtras {
  rejectReports?: boolean;
  privateComment?: string | null;
  publicComment?: string | null;
  obfuscate?: boolean;
}

/**
 * Creates or updates a block in one transaction. Suspend marks the domain's remote accounts
 * suspended and silence marks them silenced, stamped with the block's time so that unblocking
 * undoes exactly what the block did. Suspend or reject_media enqueues `media.clear_domain`.
 */
export function blockDomain(
  ctx: AppContext,
  input: { domain: string; severity: DomainSeverity; rejectMedia: boolean } & DomainBlockExtras,
  actor: number | null = null,
): DomainBlockRow {
  const domain = normalizeDomain(input.domain);
  if (!domain) throw new Error(`invalid domain "${input.domain}"`);
  if (!SEVERITIES.includes(input.severity)) throw new Error(`invalid severity "${input.severity}"`);
  const t = ctx.now();
  return transaction(ctx.db, () => {
    const old = getDomainBlockByDomain(ctx.db, domain);
    if (old) undoAccountMarks(ctx, old);
    const row = upsertDomainBlock(ctx.db, {
      id: ctx.ids.next(),
      domain,
      severity: input.severity,
      reject_media: input.rejectMedia ? 1 : 0,
      created_at: t,
      updated_at: t,
    });
    setExtras(ctx, row, input);
    const col = row.severity === "suspend" ? "suspended_at" : row.severity === "silence" ? "silenced_at" : null;
    if (col) markDomainAccounts(ctx.db, col, row.updated_at, t, domain);
    if (row.severity === "suspend") severRelationships(ctx, domain);
    // As Mastodon's block: cached media of the domain goes when it is suspended or its media rejected.
    if (row.severity === "suspend" || row.reject_media === 1) ctx.jobs.enqueue("media.clear_domain", { domain });
    logAdminAction(ctx, actor, old ? "update" : "create", "DomainBlock", row.id, domain);
    return row;
  });
}

function setExtras(ctx: AppContext, row: DomainBlockRow, x: DomainBlockExtras): void {
  const sets: [DomainBlockExtraColumn, string | number | null][] = [];
  if (x.rejectReports !== undefined) sets.push(["reject_reports", x.rejectReports ? 1 : 0]);
  if (x.privateComment !== undefined) sets.push(["private_comment", x.privateComment || null]);
  if (x.publicComment !== undefined) sets.push(["public_comment", x.publicComment || null]);
  if (x.obfuscate !== undefined) sets.push(["obfuscate", x.obfuscate ? 1 : 0]);
  if (!sets.length) return;
  updateDomainBlockExtras(ctx.db, row.id, sets);
  for (const [k, v] of sets) (row as unknown as Record<string, unknown>)[k] = v;
}

/**
 * Suspension severs every follow and follow request between local accounts and the domain's
 * accounts (as Mastodon does), drops the domain's posts from home feeds and fixes the counters.
 */
function severRelationships(ctx: AppContext, domain: string): void {
  const db = ctx.db;
  const touched = listAccountsFollowingAcrossDomain(db, domain);
  for (const table of ["follows", "follow_requests"] as const) deleteFollowsAcrossDomain(db, table, domain);
  deleteHomeFeedsOfDomain(db, domain);
  for (const id of touched) recountFollows(db, id);
}

/** Removes a block and lifts the suspensions/silences it made. False when there was none. */
export function unblockDomain(ctx: AppContext, domainInput: string, actor: number | null = null): boolean {
  const domain = normalizeDomain(domainInput);
  if (!domain) return false;
  return transaction(ctx.db, () => {
    const old = getDomainBlockByDomain(ctx.db, domain);
    if (!old) return false;
    undoAccountMarks(ctx, old);
    deleteDomainBlock(ctx.db, old.id);
    logAdminAction(ctx, actor, "destroy", "DomainBlock", old.id, old.domain);
    return true;
  });
}

function undoAccountMarks(ctx: AppContext, row: DomainBlockRow): void {
  const col = row.severity === "suspend" ? "suspended_at" : row.severity === "silence" ? "silenced_at" : null;
  if (!col) return;
  unmarkDomainAccounts(ctx.db, col, ctx.now(), row.domain, row.updated_at);
}

/** All blocks, by domain. */
export function listDomainBlocks(ctx: AppContext): DomainBlockRow[] {
  return listBlocks(ctx.db);
}
