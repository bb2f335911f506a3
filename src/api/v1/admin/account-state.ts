/**
 * POST /api/v1/admin/accounts/:id/{approve,reject,enable,unsilence,unsuspend,unsensitive} and
 * DELETE /api/v1/admin/accounts/:id: each answers with the Admin::Account.
 */
import type { Router, UserReq } from "../../../http/route";
import {
  approveAccount,
  enableAccount,
  findAdminTarget,
  rejectAccount,
  unsensitiveAccount,
  unsilenceAccount,
  unsuspendAdminAccount,
  type AdminTarget,
  type StaffAuth,
} from "../../../services/admin/accounts";
import { deleteAccountData } from "../../../services/admin/delete-account-data";
import type { AppContext } from "../../../context";
import { adminAccount } from "./admin-account";
import { SCOPES, staff } from "./staff";

type Change = (ctx: AppContext, auth: StaffAuth, t: AdminTarget) => void;

const CHANGES: [string, Change][] = [
  ["approve", approveAccount],
  ["enable", enableAccount],
  ["unsilence", unsilenceAccount],
  ["unsuspend", unsuspendAdminAccount],
  ["unsensitive", unsensitiveAccount],
];

/** Registers the state changes. */
export default function register(r: Router): void {
  for (const [name, change] of CHANGES) {
    r.post(`/api/v1/admin/accounts/:id/${name}`, { scopes: SCOPES.writeAccounts }, (q: UserReq) => {
      staff(q, "manage_users");
      const t = findAdminTarget(q.ctx, q.params.id);
      change(q.ctx, q.auth, t);
      return adminAccount(q, t.account.id);
    });
  }
  // Reject and delete answer with the account as it was before its rows went.
  r.post("/api/v1/admin/accounts/:id/reject", { scopes: SCOPES.writeAccounts }, (q) => {
    staff(q, "manage_users");
    const t = findAdminTarget(q.ctx, q.params.id);
    const before = adminAccount(q, t.account.id);
    rejectAccount(q.ctx, q.auth, t);
    return before;
  });
  r.delete("/api/v1/admin/accounts/:id", { scopes: SCOPES.writeAccounts }, (q) => {
    staff(q, "delete_user_data");
    const t = findAdminTarget(q.ctx, q.params.id);
    deleteAccountData(q.ctx, q.auth, t);
    return adminAccount(q, t.account.id);
  });
}
