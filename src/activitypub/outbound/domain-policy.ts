/** Whether a domain block applies to a host, as delivery, fetching and the inbox ask it (reads only). */
import type { AppContext } from "../../context";
import { findDomainBlockFor } from "../../db/queries/domain-blocks";
import type { DomainBlockRow } from "../../db/rows";
import type { DomainPolicy } from "../../model/domains";

/** The block that applies to a host (subdomains inherit a parent's block), or null. */
export function domainRule(ctx: AppContext, host: string): DomainBlockRow | null {
  return findDomainBlockFor(ctx.db, host);
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
