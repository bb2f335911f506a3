/**
 * GET /api/v1/blocks and /api/v1/mutes (paginated, Link). /api/v1/endorsements is in endorsements.ts.
 */
import type { Req, Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { accountPage } from "./helpers";

export default function register(r: Router): void {
  r.get("/api/v1/blocks", { scopes: ["read:blocks"] }, (q) =>
    accountPage(q, `SELECT b.id AS pid, b.target_account_id AS aid FROM blocks b WHERE b.account_id = ?$PAGE ORDER BY $ORDER`, "b.id", [q.auth.accountId]),
  );
  r.get("/api/v1/mutes", { scopes: ["read:mutes"] }, (q) =>
    accountPage(
      q,
      `SELECT m.id AS pid, m.target_account_id AS aid, m.expires_at FROM mutes m WHERE m.account_id = ? AND (m.expires_at IS NULL OR m.expires_at > ?)$PAGE ORDER BY $ORDER`,
      "m.id",
      [q.auth.accountId, q.ctx.now()],
      (v, row) => ({ ...v, mute_expires_at: row.expires_at ? new Date(row.expires_at as number).toISOString() : null }),
    ),
  );
}
