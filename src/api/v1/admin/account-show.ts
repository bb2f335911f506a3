/** GET /api/v1/admin/accounts/:id: the Admin::Account (Manage Users). */
import type { Router } from "../../../http/route";
import { findAdminTarget } from "../../../services/admin/accounts";
import { adminAccount } from "./admin-account";
import { SCOPES, staff } from "./staff";

/** Registers the endpoint. */
export default function register(r: Router): void {
  r.get("/api/v1/admin/accounts/:id", { scopes: SCOPES.readAccounts }, (q) => {
    staff(q, "manage_users");
    return adminAccount(q, findAdminTarget(q.ctx, q.params.id).account.id);
  });
}
