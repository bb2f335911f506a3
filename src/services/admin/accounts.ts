/**
 * Admin account state changes (POST /api/v1/admin/accounts/:id/{approve,reject,enable,
 * unsilence,unsuspend,unsensitive}): each checks the staff member's permission and writes in
 * one transaction.
 */
import type { AppContext } from "../../context";
import type { AccountRow, UserRow } from "../../db/rows";
import { notFound } from "../../model/errors";
import { parseId } from "../../model/ids";
import { purgeAccount } from "../registrations/delete-local-account";
import { notAllowed, requirePermission, roleOverrides, type Staff } from "../../model/permissions";
import { unsuspendAccount } from "./suspension";

/** The staff check input: the token's account and its user's role. */
export type StaffAuth = { accountId: number | null; role: string | null };

/** An account the admin API may act on, with its user (null for remote accounts). */
export interface AdminTarget { account: AccountRow; user: UserRow | null }

/** The account with this id and its user; 404 when unknown (or the instance actor). */
export function findAdminTarget(ctx: AppContext, rawId: unknown): AdminTarget {
  const id = parseId(rawId);
  const account = id === undefined || id <= 0 ? null : ctx.db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(id);
  if (!account) throw notFound();
  const user = ctx.db.query<UserRow, [number]>("SELECT * FROM users WHERE account_id = ?").get(account.id);
  return { account, user };
}

/** Staff with manage_users who outrank the target's role (Mastodon's role.overrides?). */
function staffOver(ctx: AppContext, auth: StaffAuth, t: AdminTarget): Staff {
  const staff = requirePermission(ctx, auth, "manage_users");
  if (!roleOverrides(staff.role, t.user?.role ?? null)) throw notAllowed();
  return staff;
}

/** Approves a pending local sign-up; 403 when it is not pending. */
export function approveAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  if (!t.user || t.user.approved) throw notAllowed();
  ctx.db.query("UPDATE users SET approved = 1, updated_at = ? WHERE id = ?").run(ctx.now(), t.user.id);
}

/** Rejects a pending sign-up: the account and user are deleted (the name becomes free again). */
export function rejectAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  if (!t.user || t.user.approved) throw notAllowed();
  ctx.db.transaction(() => purgeAccount(ctx, t.account.id)).immediate();
}

/** Re-enables a disabled login (no-op when it was not disabled). */
export function enableAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  staffOver(ctx, auth, t);
  if (t.user) ctx.db.query("UPDATE users SET disabled = 0, updated_at = ? WHERE id = ?").run(ctx.now(), t.user.id);
}

/** Lifts a silence (no-op when not silenced). */
export function unsilenceAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  ctx.db.query("UPDATE accounts SET silenced_at = NULL, updated_at = ? WHERE id = ? AND silenced_at IS NOT NULL").run(ctx.now(), t.account.id);
}

/** Stops forcing the account's posts to be sensitive (no-op when not set). */
export function unsensitiveAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  ctx.db.query("UPDATE accounts SET sensitized_at = NULL, updated_at = ? WHERE id = ? AND sensitized_at IS NOT NULL").run(ctx.now(), t.account.id);
}

/** Lifts a suspension; 403 when the account is not suspended. Enqueues Update(Person) for local accounts. */
export function unsuspendAdminAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  if (t.account.suspended_at === null) throw notAllowed();
  ctx.db.transaction(() => unsuspendAccount(ctx, t.account)).immediate();
}
