/** Whether a domain block applies to a host, as delivery, fetching and the inbox ask it (reads only). */
import type { AppContext } from "../../context";
import { findDomainBlockFor } from "../../db/queries/domain-blocks";
import { anyDomainAllowed } from "../../db/queries/domain-allows";
import { isLocalDomain } from "../../model/uris";
import type { DomainBlockRow } from "../../db/rows";
import type { DomainPolicy } from "../../model/domains";

/** The block that applies to a host (subdomains inherit a parent's block), or null. */
export function domainRule(ctx: AppContext, host: string): DomainBlockRow | null {
  return findDomainBlockFor(ctx.db, host);
}

/** The policy for a host (subdomains inherit a parent's block), or null when not blocked. */
export function domainPolicy(ctx: AppContext, host: string): DomainPolicy | null {
  // LIMITED_FEDERATION_MODE: a domain not on the allow-list is as good as suspended (Mastodon's DomainBlock.blocked?).
  if (ctx.config.limitedFederationMode && !isLocalDomain(ctx.config, host) && !domainAllowed(ctx, host)) {
    return { severity: "suspend", rejectMedia: true };
  }
  const row = domainRule(ctx, host);
  return row ? { severity: row.severity, rejectMedia: row.reject_media === 1 } : null;
}

/** True when `host` (or the same host without its port) is on the allow-list. */
export function domainAllowed(ctx: AppContext, host: string): boolean {
  const h = host.toLowerCase();
  return anyDomainAllowed(ctx.db, [h, h.replace(/:\d+$/, "")]);
}

/** True when the host is suspended (nothing is fetched from or delivered to it). */
export function isSuspendedDomain(ctx: AppContext, host: string): boolean {
  return domainPolicy(ctx, host)?.severity === "suspend";
}

/** True when reports (Flag activities) from the host are rejected by a block. */
export function rejectsReports(ctx: AppContext, host: string): boolean {
  return domainRule(ctx, host)?.reject_reports === 1;
}
