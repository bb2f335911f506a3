/** Queries on `admin_action_logs`: the audit log of staff actions (Mastodon's Admin::ActionLog). */
import type { Database } from "bun:sqlite";

/** An audit log row. */
export interface AdminActionLogRow {
  id: number;
  account_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  human_identifier: string | null;
  created_at: number;
}

/** Records one staff action. */
export function insertAdminActionLog(db: Database, r: AdminActionLogRow): void {
  db.query(
    "INSERT INTO admin_action_logs (id, account_id, action, target_type, target_id, human_identifier, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(r.id, r.account_id, r.action, r.target_type, r.target_id, r.human_identifier, r.created_at);
}

/** The newest `limit` entries, newest first. */
export function listAdminActionLogs(db: Database, limit: number): AdminActionLogRow[] {
  return db.query<AdminActionLogRow, [number]>("SELECT * FROM admin_action_logs ORDER BY id DESC LIMIT ?").all(limit);
}
