/** Queries on `account_warnings` (the strike each moderation action leaves). */
import type { Database } from "bun:sqlite";

/** Inserts a warning. */
export function insertAccountWarning(
  db: Database,
  w: {
    id: number;
    accountId: number | null;
    targetAccountId: number;
    action: string;
    text: string;
    reportId: number | null;
    statusIds: string;
    createdAt: number;
  },
): void {
  db.query(
    "INSERT INTO account_warnings (id, account_id, target_account_id, action, text, report_id, status_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(w.id, w.accountId, w.targetAccountId, w.action, w.text, w.reportId, w.statusIds, w.createdAt);
}
