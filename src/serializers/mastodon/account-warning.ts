/** account_warnings rows → Mastodon's AccountWarning entity (4.3). Pure. */
import { iso } from "./time";

/** An account_warnings row as stored (migrations 0019 and 0022). */
export interface AccountWarningRow {
  id: number;
  account_id: number | null;
  target_account_id: number;
  action: string;
  text: string;
  report_id: number | null;
  status_ids: string;
  created_at: number;
}

function ids(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** The AccountWarning entity; `targetAccount` is the serialized moderated Account. Appeals do not exist here, so `appeal` is null. */
export function toMastodonAccountWarning(w: AccountWarningRow, targetAccount: Record<string, unknown>): Record<string, unknown> {
  return {
    id: String(w.id),
    action: w.action,
    text: w.text,
    status_ids: ids(w.status_ids),
    target_account: targetAccount,
    appeal: null,
    created_at: iso(w.created_at),
  };
}
