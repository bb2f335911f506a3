/**
 * Domain allows (Mastodon's Admin::DomainAllow): the allow-list LIMITED_FEDERATION_MODE federates
 * with; every other domain is then treated as suspended (inbox, deliveries, fetches).
 */
import { logAdminAction } from "./action-log";
import type { AppContext } from "../../context";
import { transaction } from "../../db/connection";
import { deleteDomainAllow, findDomainAllow, getDomainAllow, insertDomainAllow, type DomainAllowRow } from "../../db/queries/domain-allows";
import { normalizeDomain } from "../../model/domains";
import { notFound, validation } from "../../model/errors";

/** The allow by id; 404 when there is none. */
export function findAllow(ctx: AppContext, id: number | undefined): DomainAllowRow {
  const row = id === undefined ? null : getDomainAllow(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

/** The allow on `raw` (normalized as on creation), or null. */
export function allowByDomain(ctx: AppContext, raw: string): DomainAllowRow | null {
  const domain = normalizeDomain(raw);
  return domain ? findDomainAllow(ctx.db, domain) : null;
}

/** Allows a domain; an existing allow is answered as is (as Mastodon). 422 when blank or invalid. */
export function allowDomain(ctx: AppContext, raw: string | undefined, actor: number | null = null): DomainAllowRow {
  if (!raw?.trim()) throw validation("Domain can't be blank");
  const domain = normalizeDomain(raw);
  if (!domain) throw validation("Domain is not a valid domain name");
  const old = findDomainAllow(ctx.db, domain);
  if (old) return old;
  const id = transaction(ctx.db, () => {
    const id = insertDomainAllow(ctx.db, domain, ctx.now());
    logAdminAction(ctx, actor, "create", "DomainAllow", id, domain);
    return id;
  });
  return getDomainAllow(ctx.db, id)!;
}

/** Removes an allow (with LIMITED_FEDERATION_MODE the domain is then refused). */
export function disallowDomain(ctx: AppContext, id: number | undefined, actor: number | null = null): DomainAllowRow {
  const row = findAllow(ctx, id);
  transaction(ctx.db, () => {
    deleteDomainAllow(ctx.db, row.id);
    logAdminAction(ctx, actor, "destroy", "DomainAllow", row.id, row.domain);
  });
  return row;
}
