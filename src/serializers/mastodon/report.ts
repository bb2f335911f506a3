/** Report rows → Mastodon's Report entity. */
import { iso } from "./time";

/** A reports row as stored (0010 + 0011 columns). */
export interface ReportRow {
  id: number;
  account_id: number;
  target_account_id: number;
  status_ids: string;
  comment: string;
  forwarded: number;
  uri: string | null;
  category: string;
  rule_ids: string | null;
  created_at: number;
  action_taken_at: number | null;
}

function idList(json: string | null): string[] | null {
  if (json === null) return null;
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The Report entity; `targetAccount` is the serialized reported Account. */
export function toMastodonReport(r: ReportRow, targetAccount: Record<string, unknown>): Record<string, unknown> {
  return {
    id: String(r.id),
    action_taken: r.action_taken_at !== null,
    action_taken_at: r.action_taken_at === null ? null : iso(r.action_taken_at),
    category: r.category,
    comment: r.comment,
    forwarded: !!r.forwarded,
    created_at: iso(r.created_at),
    status_ids: idList(r.status_ids) ?? [],
    rule_ids: idList(r.rule_ids),
    target_account: targetAccount,
  };
}
