/** The admin routes' access rules: the admin API scopes and the staff permission check. */
import type { UserReq } from "../../../http/route";
import { requirePermission, type Permission, type Staff } from "../../../model/permissions";

/** Scopes of the admin API, as Mastodon's controllers ask for them. */
export const SCOPES = {
  readAccounts: ["admin:read:accounts"],
  writeAccounts: ["admin:write:accounts"],
  readReports: ["admin:read:reports"],
  writeReports: ["admin:write:reports"],
  readDomainBlocks: ["admin:read:domain_blocks"],
  writeDomainBlocks: ["admin:write:domain_blocks"],
  /** Hearth's own endpoints (settings, rules, announcements) have no finer Mastodon scope. */
  read: ["admin:read"],
  write: ["admin:write"],
};

/** 403 "This action is not allowed" unless the caller's role has `perms`. */
export function staff(q: UserReq, ...perms: Permission[]): Staff {
  return requirePermission(q.ctx, q.auth, ...perms);
}
