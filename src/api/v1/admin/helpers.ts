/** Shared pieces of the admin routes: the staff check, scopes, and answering with Admin::Accounts. */
import type { UserReq } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { adminAccountView } from "../../../db/views/admin";
import { requirePermission, type Permission, type Staff } from "../../../model/permissions";

/** Scopes of the admin API, as Mastodon's controllers ask for them. */
export const SCOPES = {
  readAccounts: ["admin:read:accounts"],
  writeAccounts: ["admin:write:accounts"],
  readReports: ["admin:read:reports"],
  writeReports: ["admin:write:reports"],
  readDomainBlocks: ["admin:read:domain_blocks"],
  writeDomainBlocks: ["admin:write:domain_blocks"],
};

/** 403 "This action is not allowed" unless the caller's role has `perms`. */
export function staff(q: UserReq, ...perms: Permission[]): Staff {
  return requirePermission(q.ctx, q.auth, ...perms);
}

/** The Admin::Account of `id` (404 when it vanished). */
export function adminAccount(q: UserReq, id: number): Record<string, unknown> {
  const v = adminAccountView(q.ctx, id);
  if (!v) throw notFound();
  return v;
}
