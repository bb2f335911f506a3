/**
 * Featured profiles: POST /api/v1/accounts/:id/endorse | unendorse (and the deprecated pin |
 * unpin) → Relationship; GET /api/v1/endorsements (your own) and GET
 * /api/v1/accounts/:id/endorsements (public). Lists page by account id, as Mastodon's do.
 */
import type { Req, Router } from "../../../http/route";
import { listEndorsedAccountsPage } from "../../../db/queries/endorsements";
import { findAccount } from "../../../services/accounts/find";
import { endorseAccount, unendorseAccount } from "../../../services/endorsements/endorse";
import { accountPage, readAccountPage } from "./account-page";
import { relationshipJson } from "./relationship-json";

/** One page of the accounts `ownerId` features (suspended ones left out), newest account first. */
function endorsedPage(q: Req, ownerId: number): Record<string, unknown>[] {
  return accountPage(q, listEndorsedAccountsPage(q.ctx.db, ownerId, readAccountPage(q.input)));
}

export default function register(r: Router): void {
  const write = { scopes: ["write:accounts"] };
  for (const [path, on] of [
    ["endorse", true],
    ["pin", true],
    ["unendorse", false],
    ["unpin", false],
  ] as const) {
    r.post(`/api/v1/accounts/:id/${path}`, write, (q) => {
      const target = findAccount(q.ctx, q.params.id);
      (on ? endorseAccount : unendorseAccount)(q.ctx, q.auth.accountId, target);
      return relationshipJson(q.ctx, q.auth.accountId, target.id);
    });
  }
  r.get("/api/v1/endorsements", { scopes: ["read:accounts"] }, (q) => endorsedPage(q, q.auth.accountId));
  r.get<Req>("/api/v1/accounts/:id/endorsements", { auth: "optional", scopes: ["read:accounts"] }, (q) => {
    // Mastodon shows featured profiles even when the account hides its follows: featuring is a
    // deliberate public choice. Unknown → 404; a suspended account features nobody.
    const account = findAccount(q.ctx, q.params.id, { suspended: true });
    return account.suspended_at !== null ? [] : endorsedPage(q, account.id);
  });
}
