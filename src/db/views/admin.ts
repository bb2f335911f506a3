/**
 * Admin API views: Admin::Account and Admin::Report lists loaded in a fixed number of queries
 * (accounts, users, account views; reports, statuses, rules).
 */
import type { AppContext } from "../../context";
import type { UserRow } from "../rows";
import { selectIn } from "../sql";
import { loadAccountRows, loadAccountViews } from "./accounts";
import { loadStatusViews } from "./statuses";
import { toAdminAccount, type AdminAccountRow } from "../../serializers/mastodon/admin-account";
import { toAdminReport, toMastodonRule, type AdminReportRow } from "../../serializers/mastodon/admin-report";

/** Serialized Admin::Accounts by account id (unknown ids are absent). */
export function loadAdminAccounts(ctx: AppContext, ids: readonly number[]): Map<number, Record<string, unknown>> {
  const unique = [...new Set(ids)];
  const rows = loadAccountRows(ctx, unique) as Map<number, AdminAccountRow>;
  const users = new Map(
    selectIn<UserRow>(ctx.db, (ph) => `SELECT * FROM users WHERE account_id IN (${ph})`, unique).map((u) => [u.account_id, u]),
  );
  const views = loadAccountViews(ctx, unique);
  const out = new Map<number, Record<string, unknown>>();
  for (const id of unique) {
    const a = rows.get(id);
    const v = views.get(id);
    if (a && v) out.set(id, toAdminAccount(a, users.get(id) ?? null, v));
  }
  return out;
}

/** One Admin::Account, or undefined. */
export function adminAccountView(ctx: AppContext, id: number): Record<string, unknown> | undefined {
  return loadAdminAccounts(ctx, [id]).get(id);
}

function idList(json: string | null): number[] {
  try {
    const v = JSON.parse(json ?? "[]");
    return Array.isArray(v) ? v.map(Number).filter(Number.isSafeInteger) : [];
  } catch {
    return [];
  }
}

/** Serialized Admin::Reports in the order of `rows`, statuses as seen by moderator `viewerId`. */
export function adminReportList(ctx: AppContext, rows: AdminReportRow[], viewerId: number): Record<string, unknown>[] {
  const accountIds = rows
    .flatMap((r) => [r.account_id, r.target_account_id, r.assigned_account_id, r.action_taken_by_account_id])
    .filter((x): x is number => x !== null);
  const accounts = loadAdminAccounts(ctx, accountIds);
  const statusIds = [...new Set(rows.flatMap((r) => idList(r.status_ids)))];
  const statuses = loadStatusViews(ctx, statusIds, viewerId);
  const ruleIds = [...new Set(rows.flatMap((r) => idList(r.rule_ids)))];
  const rules = new Map(
    selectIn<{ id: number; text: string; hint: string }>(
      ctx.db,
      (ph) => `SELECT id, text, hint FROM rules WHERE id IN (${ph})`,
      ruleIds,
    ).map((r) => [r.id, r]),
  );
  const acct = (id: number | null) => (id === null ? null : (accounts.get(id) ?? null));
  return rows.map((r) =>
    toAdminReport(r, {
      account: acct(r.account_id),
      targetAccount: acct(r.target_account_id),
      assignedAccount: acct(r.assigned_account_id),
      actionTakenByAccount: acct(r.action_taken_by_account_id),
      statuses: idList(r.status_ids)
        .map((id) => statuses.get(id))
        .filter((s): s is Record<string, unknown> => !!s),
      rules: idList(r.rule_ids)
        .map((id) => rules.get(id))
        .filter((x) => !!x)
        .map((x) => toMastodonRule(x!)),
    }),
  );
}

/** The reports row by id, or null. */
export function reportRow(ctx: AppContext, id: number): AdminReportRow | null {
  return ctx.db.query<AdminReportRow, [number]>("SELECT * FROM reports WHERE id = ?").get(id);
}
