/**
 * Batch visibility: which of a set of statuses a viewer may see, in a fixed number of
 * queries (the per-row rule is canViewStatus in db/queries/visibility.ts).
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { selectIn } from "../../db/sql";
import { DIRECT, PRIVATE } from "../../model/visibility";

/**
 * The statuses `viewerId` may see, in input order. With `hideMuted`, statuses by accounts
 * the viewer blocks, is blocked by, or mutes are dropped as well (thread views do this).
 */
export function filterVisible(ctx: AppContext, rows: StatusRow[], viewerId: number | null, hideMuted = false): StatusRow[] {
  if (rows.length === 0) return [];
  const db = ctx.db;
  const authors = [...new Set(rows.map((r) => r.account_id))];
  const suspended = new Set(selectIn<{ id: number }>(db, (ph) => `SELECT id FROM accounts WHERE suspended_at IS NOT NULL AND id IN (${ph})`, authors).map((r) => r.id));
  let hidden = new Set<number>(), followed = new Set<number>(), mentionedIn = new Set<number>();
  if (viewerId !== null) {
    const q = `SELECT target_account_id AS id FROM blocks WHERE account_id = $v UNION SELECT account_id FROM blocks WHERE target_account_id = $v` +
      (hideMuted ? ` UNION SELECT target_account_id FROM mutes WHERE account_id = $v AND (expires_at IS NULL OR expires_at > $t)` : "");
    hidden = new Set(db.query<{ id: number }, any>(q).all(hideMuted ? { v: viewerId, t: ctx.now() } : { v: viewerId }).map((r) => r.id));
    followed = new Set(selectIn<{ id: number }>(db, (ph) => `SELECT target_account_id AS id FROM follows WHERE account_id = ? AND target_account_id IN (${ph})`, authors, [viewerId]).map((r) => r.id));
    const limited = rows.filter((r) => r.visibility >= PRIVATE).map((r) => r.id);
    mentionedIn = new Set(selectIn<{ id: number }>(db, (ph) => `SELECT status_id AS id FROM mentions WHERE account_id = ? AND status_id IN (${ph})`, limited, [viewerId]).map((r) => r.id));
  }
  return rows.filter((s) => {
    if (viewerId === s.account_id) return true;
    if (suspended.has(s.account_id) || hidden.has(s.account_id)) return false;
    if (s.visibility < PRIVATE) return true;
    if (viewerId === null) return false;
    if (mentionedIn.has(s.id)) return true;
    return s.visibility !== DIRECT && followed.has(s.account_id);
  });
}
