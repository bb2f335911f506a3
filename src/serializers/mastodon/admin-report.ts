/** Report rows → Mastodon's Admin::Report entity. Pure: accounts, statuses and rules come serialized. */
import type { ReportRow } from "./report";
import { iso } from "./time";

/** A reports row with the 0019 columns. */
export interface AdminReportRow extends ReportRow {
  assigned_account_id: number | null;
  action_taken_by_account_id: number | null;
  updated_at: number | null;
}

/** What an Admin::Report embeds, already serialized. */
export interface AdminReportParts {
  account: Record<string, unknown> | null;
  targetAccount: Record<string, unknown> | null;
  assignedAccount: Record<string, unknown> | null;
  actionTakenByAccount: Record<string, unknown> | null;
  statuses: Record<string, unknown>[];
  rules: Record<string, unknown>[];
}

/** The Admin::Report entity. */
export function toAdminReport(r: AdminReportRow, p: AdminReportParts): Record<string, unknown> {
  return {
    id: String(r.id),
    action_taken: r.action_taken_at !== null,
    action_taken_at: r.action_taken_at === null ? null : iso(r.action_taken_at),
    category: r.category,
    comment: r.comment,
    forwarded: !!r.forwarded,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at ?? r.created_at),
    account: p.account,
    target_account: p.targetAccount,
    assigned_account: p.assignedAccount,
    action_taken_by_account: p.actionTakenByAccount,
    statuses: p.statuses,
    rules: p.rules,
  };
}

/** The Rule entity. */
export function toMastodonRule(r: { id: number; text: string; hint: string }): Record<string, unknown> {
  return { id: String(r.id), text: r.text, hint: r.hint };
}
