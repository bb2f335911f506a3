/**
 * Who may see a status in SQL: visibleStatusSql, the condition that says what mayViewStatus
 * (model/visibility.ts) says, and canViewStatus over it; block checks shared by services and views.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { PRIVATE } from "../../model/visibility";

/** True when `a` blocks `b` or `b` blocks `a`. */
export function blockedEitherWay(ctx: AppContext, a: number, b: number): boolean {
  return !!ctx.db
    .query("SELECT 1 FROM blocks WHERE (account_id = ? AND target_account_id = ?) OR (account_id = ? AND target_account_id = ?) LIMIT 1")
    .get(a, b, b, a);
}

/** True when `follower` follows `target`. */
export function follows(ctx: AppContext, follower: number, target: number): boolean {
  return !!ctx.db.query("SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?").get(follower, target);
}

/** SQL expressions (columns or parameters) the visibility condition is written over. */
export interface VisibilitySqlTerms {
  /** The status id. */
  status: string;
  /** The author's account id. */
  author: string;
  /** The stored visibility. */
  visibility: string;
  /** The viewer's account id; SQL NULL for a logged-out viewer. */
  viewer: string;
}

/**
 * The SQL condition (0 or 1, never NULL) that is true exactly when mayViewStatus is, reading
 * the relation facts from accounts, blocks, mentions and follows with index probes. Keep the
 * two in step: tests/model/visibility.test.ts checks them against one table of cases.
 */
export function visibleStatusSql(t: VisibilitySqlTerms): string {
  return `(${t.author} IS ${t.viewer} OR (
    EXISTS (SELECT 1 FROM accounts va WHERE va.id = ${t.author} AND va.suspended_at IS NULL)
    AND NOT EXISTS (SELECT 1 FROM blocks vb WHERE vb.account_id = ${t.viewer} AND vb.target_account_id = ${t.author})
    AND NOT EXISTS (SELECT 1 FROM blocks vb WHERE vb.account_id = ${t.author} AND vb.target_account_id = ${t.viewer})
    AND (${t.visibility} < ${PRIVATE}
      OR EXISTS (SELECT 1 FROM mentions vm WHERE vm.status_id = ${t.status} AND vm.account_id = ${t.viewer})
      OR (${t.visibility} = ${PRIVATE} AND EXISTS (SELECT 1 FROM follows vf WHERE vf.account_id = ${t.viewer} AND vf.target_account_id = ${t.author})))))`;
}

/** The rule over bound parameters: ?1 status id, ?2 author, ?3 visibility, ?4 viewer (NULL: logged out). */
const CAN_VIEW_SQL = `SELECT ${visibleStatusSql({ status: "?1", author: "?2", visibility: "?3", viewer: "?4" })} AS ok`;

/**
 * Mastodon's StatusPolicy#show?: may `viewerId` (null when logged out) see status `s`? One
 * query: visibleStatusSql over the row's id, author and visibility.
 */
export function canViewStatus(ctx: AppContext, s: StatusRow, viewerId: number | null): boolean {
  return (
    ctx.db.query<{ ok: number }, [number, number, number, number | null]>(CAN_VIEW_SQL).get(s.id, s.account_id, s.visibility, viewerId)!
      .ok === 1
  );
}
