/** The status search of /api/v2/search: a LIKE match on text, content and content warning, among the statuses the viewer can see. */
import type { Database } from "bun:sqlite";

/** What to search for and as whom. */
export interface StatusSearchQuery {
  /** The search text, trimmed (LIKE wildcards in it are escaped here). */
  text: string;
  /** The viewer's account, null when logged out (then only public statuses). */
  viewerId: number | null;
  /** Only statuses of this account. */
  accountId?: number;
  limit: number;
  offset: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);

/** Ids of the matching original statuses (no boosts, no suspended authors), newest first. */
export function searchStatusIds(db: Database, o: StatusSearchQuery): number[] {
  const viewer = o.viewerId;
  const like = "%" + likeEscape(o.text.toLowerCase()) + "%";
  const where = [
    "s.reblog_of_id IS NULL",
    "(lower(s.text) LIKE ? ESCAPE '\\' OR lower(s.content) LIKE ? ESCAPE '\\' OR lower(s.spoiler_text) LIKE ? ESCAPE '\\')",
    "a.suspended_at IS NULL",
  ];
  const args: (string | number)[] = [like, like, like];
  if (viewer === null) where.push("s.visibility = 0");
  else {
    where.push(`(s.account_id = ? OR s.visibility IN (0, 1)
      OR (s.visibility = 2 AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ? AND f.target_account_id = s.account_id))
      OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = ?))`);
    args.push(viewer, viewer, viewer);
    where.push(
      "s.account_id NOT IN (SELECT target_account_id FROM blocks WHERE account_id = ? UNION SELECT account_id FROM blocks WHERE target_account_id = ?)",
    );
    args.push(viewer, viewer);
  }
  if (o.accountId !== undefined) {
    where.push("s.account_id = ?");
    args.push(o.accountId);
  }
  return db
    .query<{ id: number }, any[]>(
      `SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE ${where.join(" AND ")} ORDER BY s.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, o.limit, o.offset)
    .map((r) => r.id);
}
