/** Batch loaders for the viewer-to-account flags of the Relationship entity (fixed query count). */
import type { AppContext } from "../../context";
import { selectIn } from "../sql";

/** Everything the Relationship serializer needs about one target account. */
export interface RelationshipData {
  id: number;
  following: { showReblogs: boolean; notify: boolean; languages: string[] | null } | null;
  followedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: { hideNotifications: boolean; expiresAt: number | null } | null;
  requested: { showReblogs: boolean; notify: boolean; languages: string[] | null } | null;
  requestedBy: boolean;
  /** The viewer features the target on their profile. */
  endorsed: boolean;
  /** The viewer hides the target's domain. */
  domainBlocking: boolean;
  note: string;
}

interface FollowLike {
  id: number;
  show_reblogs: number;
  notify: number;
  languages: string | null;
}

function langs(s: string | null): string[] | null {
  if (s === null) return null;
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : null;
  } catch {
    return null;
  }
}

/** Relationship data of `viewerId` towards each of `targetIds`, keyed by target id (10 queries). */
export function loadRelationships(ctx: AppContext, viewerId: number, targetIds: readonly number[]): Map<number, RelationshipData> {
  const db = ctx.db;
  const ids = [...new Set(targetIds)];
  const out = new Map<number, RelationshipData>();
  if (ids.length === 0) return out;
  const q = <T>(sql: string, extra: (number | string)[] = []) => selectIn<T>(db, (ph) => sql.replace("$IN", ph), ids, [viewerId, ...extra]);
  const following = new Map(
    q<FollowLike>(
      "SELECT target_account_id AS id, show_reblogs, notify, languages FROM follows WHERE account_id = ? AND target_account_id IN ($IN)",
    ).map((r) => [r.id, r]),
  );
  const requested = new Map(
    q<FollowLike>(
      "SELECT target_account_id AS id, show_reblogs, notify, languages FROM follow_requests WHERE account_id = ? AND target_account_id IN ($IN)",
    ).map((r) => [r.id, r]),
  );
  const set = (sql: string, extra: (number | string)[] = []) => new Set(q<{ id: number }>(sql, extra).map((r) => r.id));
  const followedBy = set("SELECT account_id AS id FROM follows WHERE target_account_id = ? AND account_id IN ($IN)");
  const requestedBy = set("SELECT account_id AS id FROM follow_requests WHERE target_account_id = ? AND account_id IN ($IN)");
  const blocking = set("SELECT target_account_id AS id FROM blocks WHERE account_id = ? AND target_account_id IN ($IN)");
  const blockedBy = set("SELECT account_id AS id FROM blocks WHERE target_account_id = ? AND account_id IN ($IN)");
  const endorsed = set("SELECT target_account_id AS id FROM endorsements WHERE account_id = ? AND target_account_id IN ($IN)");
  const domainBlocking = set(
    "SELECT a.id FROM accounts a JOIN account_domain_blocks d ON d.account_id = ? AND d.domain = a.domain WHERE a.id IN ($IN)",
  );
  const muting = new Map(
    q<{ id: number; hide_notifications: number; expires_at: number | null }>(
      "SELECT target_account_id AS id, hide_notifications, expires_at FROM mutes WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?) AND target_account_id IN ($IN)",
      [ctx.now()],
    ).map((r) => [r.id, r]),
  );
  const notes = new Map(
    q<{ id: number; comment: string }>(
      "SELECT target_account_id AS id, comment FROM account_notes WHERE account_id = ? AND target_account_id IN ($IN)",
    ).map((r) => [r.id, r.comment]),
  );
  const opts = (r: FollowLike | undefined) =>
    r ? { showReblogs: !!r.show_reblogs, notify: !!r.notify, languages: langs(r.languages) } : null;
  for (const id of ids) {
    const m = muting.get(id);
    out.set(id, {
      id,
      following: opts(following.get(id)),
      followedBy: followedBy.has(id),
      blocking: blocking.has(id),
      blockedBy: blockedBy.has(id),
      muting: m ? { hideNotifications: !!m.hide_notifications, expiresAt: m.expires_at } : null,
      requested: opts(requested.get(id)),
      requestedBy: requestedBy.has(id),
      endorsed: endorsed.has(id),
      domainBlocking: domainBlocking.has(id),
      note: notes.get(id) ?? "",
    });
  }
  return out;
}

/** Relationship data towards one account. */
export function loadRelationship(ctx: AppContext, viewerId: number, targetId: number): RelationshipData {
  return loadRelationships(ctx, viewerId, [targetId]).get(targetId)!;
}

/**
 * SQL fragment (starting with " AND") that drops accounts `viewerId` blocks, is blocked by or
 * mutes from a list (Mastodon's excluded_from_timeline_account_ids), and with `domains` also
 * accounts on domains the viewer hides (as StatusFilter does for search results); `col` is the
 * account id column. The domain probe is left out for viewers who hide no domain.
 */
export function hiddenAccountsSql(
  ctx: AppContext,
  col: string,
  viewerId: number | null,
  opts: { domains?: boolean } = {},
): { sql: string; args: number[] } {
  if (viewerId === null) return { sql: "", args: [] };
  let sql = ` AND ${col} NOT IN (SELECT target_account_id FROM blocks WHERE account_id = ?
      UNION SELECT account_id FROM blocks WHERE target_account_id = ?
      UNION SELECT target_account_id FROM mutes WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?))`;
  const args = [viewerId, viewerId, viewerId, ctx.now()];
  if (opts.domains && ctx.db.query("SELECT 1 FROM account_domain_blocks WHERE account_id = ? LIMIT 1").get(viewerId)) {
    sql += ` AND NOT EXISTS (SELECT 1 FROM accounts hda JOIN account_domain_blocks hdb ON hdb.account_id = ? AND hdb.domain = hda.domain
      WHERE hda.id = ${col})`;
    args.push(viewerId);
  }
  return { sql, args };
}
