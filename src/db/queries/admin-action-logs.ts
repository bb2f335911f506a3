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

/** A page of the audit log, newest first: below `maxId`, optionally by one staff account and/or one action. */
export function listAdminActionLogsPage(
  db: Database,
  o: { limit: number; maxId?: number; accountId?: number; action?: string },
): (AdminActionLogRow & { username: string | null })[] {
  return db
    .query<AdminActionLogRow & { username: string | null }, [number, number | null, string | null, number]>(
      `SELECT l.*, a.username FROM admin_action_logs l LEFT JOIN accounts a ON a.id = l.account_id
       WHERE l.id < ?1 AND (?2 IS NULL OR l.account_id = ?2) AND (?3 IS NULL OR l.action = ?3)
       ORDER BY l.id DESC LIMIT ?4`,
    )
    .all(o.maxId ?? Number.MAX_SAFE_INTEGER, o.accountId ?? null, o.action ?? null, o.limit);
}
