/** Who may see a status, and block/mute checks shared by services and views. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { DIRECT, PRIVATE } from "../../model/visibility";

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

/** Mastodon's StatusPolicy#show?: may `viewerId` (null when logged out) see status `s`? */
export function canViewStatus(ctx: AppContext, s: StatusRow, viewerId: number | null): boolean {
  if (viewerId === s.account_id) return true;
  const author = ctx.db.query<{ suspended_at: number | null }, [number]>("SELECT suspended_at FROM accounts WHERE id = ?").get(s.account_id);
  if (!author || author.suspended_at !== null) return false;
  if (viewerId !== null && blockedEitherWay(ctx, viewerId, s.account_id)) return false;
  if (s.visibility < PRIVATE) return true;
  if (viewerId === null) return false;
  const mentioned = !!ctx.db.query("SELECT 1 FROM mentions WHERE status_id = ? AND account_id = ?").get(s.id, viewerId);
  if (mentioned) return true;
  if (s.visibility === DIRECT) return false;
  return follows(ctx, viewerId, s.account_id);
}
