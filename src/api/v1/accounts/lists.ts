/**
 * GET /api/v1/blocks and /api/v1/mutes (paginated, Link). /api/v1/endorsements is in endorsements.ts.
 */
import type { Router } from "../../../http/route";
import { listBlockedAccountsPage } from "../../../db/queries/blocks";
import { listMutedAccountsPage } from "../../../db/queries/mutes";
import { accountPage, readAccountPage } from "./account-page";

export default function register(r: Router): void {
  r.get("/api/v1/blocks", { scopes: ["read:blocks"] }, (q) =>
    accountPage(q, listBlockedAccountsPage(q.ctx.db, q.auth.accountId, readAccountPage(q.input))),
  );
  r.get("/api/v1/mutes", { scopes: ["read:mutes"] }, (q) =>
    accountPage(q, listMutedAccountsPage(q.ctx.db, q.auth.accountId, q.ctx.now(), readAccountPage(q.input)), (v, row) => ({
      ...v,
      mute_expires_at: row.expires_at ? new Date(row.expires_at as number).toISOString() : null,
    })),
  );
}
