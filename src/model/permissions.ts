/**
 * Staff permissions as Mastodon's Role entity defines them: a bitmask per role (the same values
 * toMastodonRole reports), positions deciding who may act on whom, and the 403 for everyone else.
 */
import type { AppContext } from "../context";
import { ApiError } from "./errors";

/** Permission flags of Role.md. */
export const PERMISSIONS = {
  administrator: 0x1,
  view_audit_log: 0x4,
  view_dashboard: 0x8,
  manage_reports: 0x10,
  manage_federation: 0x20,
  manage_blocks: 0x80,
  manage_settings: 0x40,
  manage_taxonomies: 0x100,
  manage_users: 0x400,
  manage_rules: 0x1000,
  manage_announcements: 0x2000,
  manage_custom_emojis: 0x4000,
  delete_user_data: 0x80000,
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** The four built-in roles, lowest first. */
export const ROLE_NAMES = ["user", "moderator", "admin", "owner"] as const;

/** Role ids as the Role entity reports them. */
export const ROLE_IDS: Record<string, string> = { user: "-99", moderator: "1", admin: "2", owner: "3" };

/** Each role's permission bitmask (decimal string, as the Role entity reports it). */
export const ROLE_PERMISSIONS: Record<string, string> = { user: "0", moderator: "1308", admin: "983036", owner: "1048575" };

/** Mastodon's role positions: a role only overrides (may act on) roles below it. */
const POSITIONS: Record<string, number> = { user: -1, moderator: 10, admin: 100, owner: 1000 };

/** The answer Mastodon gives whenever a staff check fails. */
export const notAllowed = () => new ApiError(403, "This action is not allowed");

/** True when `role` has `perm` (the administrator flag grants everything). */
export function roleCan(role: string | null | undefined, perm: Permission): boolean {
  if (!role) return false;
  const bits = Number(ROLE_PERMISSIONS[role] ?? 0);
  return (bits & PERMISSIONS.administrator) !== 0 || (bits & PERMISSIONS[perm]) !== 0;
}

/** Role names that have `perm` (for "notify everyone who can manage reports"). */
export function rolesWith(perm: Permission): string[] {
  return ROLE_NAMES.filter((r) => roleCan(r, perm));
}

/** True when `actor` ranks above `target` (null target: a remote account, which has no role). */
export function roleOverrides(actor: string | null | undefined, target: string | null | undefined): boolean {
  if (target === null || target === undefined) return true;
  return (POSITIONS[actor ?? "user"] ?? -1) > (POSITIONS[target] ?? -1);
}

/** Who is acting in the admin API: their account and role. */
export interface Staff {
  accountId: number;
  role: string;
}

/** Throws 403 unless the acting user's role has every one of `perms`; returns the staff member. */
export function requirePermission(
  _ctx: AppContext,
  auth: { accountId: number | null; role: string | null },
  ...perms: Permission[]
): Staff {
  if (auth.accountId === null || !auth.role || !perms.every((p) => roleCan(auth.role, p))) throw notAllowed();
  return { accountId: auth.accountId, role: auth.role };
}
