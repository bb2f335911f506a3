/**
 * Admin account state changes (POST /api/v1/admin/accounts/:id/{approve,reject,enable,
 * unsilence,unsuspend,unsensitive}): each checks the staff member's permission and writes in
 * one transaction.
 */
import { logAdminAction } from "./action-log";
import type { AppContext } from "../../context";
import type { AccountRow, UserRow } from "../../db/rows";
import { clearAccountSensitized, clearAccountSilence } from "../../db/queries/accounts-moderation";
import { getAccount } from "../../db/queries/accounts";
import { approveUser, enableUser, getUserByAccountId } from "../../db/queries/users";
import { transaction } from "../../db/transaction";
import { notFound } from "../../model/errors";
import { parseId } from "../../model/ids";
import { purgeAccount } from "../registrations/delete-local-account";
import { notAllowed, requirePermission, roleOverrides, type Staff } from "../../model/permissions";
import { unsuspendAccount } from "./suspension";

/** The staff check input: the token's account and its user's role. */
export type StaffAuth = { accountId: number | null; role: string | null };

/** An account the admin API may act on, with its user (null for remote accounts). */
export interface AdminTarget {
  account: AccountRow;
  user: UserRow | null;
}

/** The account with this id and its user; 404 when unknown (or the instance actor). */
export function findAdminTarget(ctx: AppContext, rawId: unknown): AdminTarget {
  const id = parseId(rawId);
  const account = id === undefined || id <= 0 ? null : getAccount(ctx.db, id);
  if (!account) throw notFound();
  const user = getUserByAccountId(ctx.db, account.id);
  return { account, user };
}

/** Staff with manage_users who outrank the target's role (Mastodon's role.overrides?). */
function staffOver(ctx: AppContext, auth: StaffAuth, t: AdminTarget): Staff {
  const staff = requirePermission(ctx, auth, "manage_users");
  if (!roleOverrides(staff.role, t.user?.role ?? null)) throw notAllowed();
  return staff;
}

const acctOf = (t: AdminTarget) => (t.account.domain ? `${t.account.username}@${t.account.domain}` : t.account.username);

/** Approves a pending local sign-up; 403 when it is not pending. */
export function approveAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  if (!t.user || t.user.approved) throw notAllowed();
  const user = t.user;
  transaction(ctx.db, () => {
    approveUser(ctx.db, user.id, ctx.now());
    logAdminAction(ctx, auth.accountId, "approve", "User", user.id, acctOf(t));
  });
}

/** Rejects a pending sign-up: the account and user are deleted (the name becomes free again). */
export function rejectAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  if (!t.user || t.user.approved) throw notAllowed();
  transaction(ctx.db, () => {
    logAdminAction(ctx, auth.accountId, "reject", "User", t.user!.id, acctOf(t));
    purgeAccount(ctx, t.account.id);
  });
}

/** Re-enables a disabled login (no-op when it was not disabled). */
export function enableAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  staffOver(ctx, auth, t);
  const user = t.user;
  if (user)
    transaction(ctx.db, () => {
      enableUser(ctx.db, user.id, ctx.now());
      logAdminAction(ctx, auth.accountId, "enable", "User", user.id, acctOf(t));
    });
}

/** Lifts a silence (no-op when not silenced). */
export function unsilenceAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  transaction(ctx.db, () => {
    clearAccountSilence(ctx.db, t.account.id, ctx.now());
    logAdminAction(ctx, auth.accountId, "unsilence", "Account", t.account.id, acctOf(t));
  });
}

/** Stops forcing the account's posts to be sensitive (no-op when not set). */
export function unsensitiveAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  transaction(ctx.db, () => {
    clearAccountSensitized(ctx.db, t.account.id, ctx.now());
    logAdminAction(ctx, auth.accountId, "unsensitive", "Account", t.account.id, acctOf(t));
  });
}

/** Lifts a suspension; 403 when the account is not suspended. Enqueues Update(Person) for local accounts. */
export function unsuspendAdminAccount(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "manage_users");
  if (t.account.suspended_at === null) throw notAllowed();
  transaction(ctx.db, () => {
    unsuspendAccount(ctx, t.account);
    logAdminAction(ctx, auth.accountId, "unsuspend", "Account", t.account.id, acctOf(t));
  });
}
