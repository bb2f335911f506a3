/**
 * The statuses of one account's profile as a viewer may see them (Mastodon's
 * AccountStatusesFilter): visibility by follow and mention, boosts of blocked authors left
 * out, and the pinned / exclude_replies / exclude_reblogs / only_media / exclude_sensitive /
 * tagged filters.
 */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";

/** Who is looking and which of the profile filters apply. */
export interface AccountTimelineQuery {
  accountId: number;
  /** The viewer's account, null when logged out. */
  viewerId: number | null;
  /** Whether the viewer follows the account (private posts shown). */
  viewerFollows: boolean;
  pinned?: boolean;
  excludeReplies?: boolean;
  excludeReblogs?: boolean;
  onlyMedia?: boolean;
  excludeSensitive?: boolean;
  /** A normalized tag name the statuses must carry (when given, boosts are left out). */
  tag?: string;
}

/** A page of the account's status ids, newest first (the ids are their own pagination ids). */
export function accountTimelineIds(db: Database, o: AccountTimelineQuery, page: Page): number[] {
  const viewer = o.viewerId;
  const where: string[] = ["s.account_id = ?"];
  const args: (number | string)[] = [o.accountId];
  if (viewer === o.accountId) {
    // the author sees everything
  } else if (viewer === null) {
    where.push("s.visibility IN (0, 1)");
  } else {
    const vis = o.viewerFollows ? "(0, 1, 2)" : "(0, 1)";
    where.push(`(s.visibility IN ${vis} OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = ?))`);
    args.push(viewer);
    // boosts of accounts the viewer blocks are left out, as Mastodon does
    where.push(
      "(s.reblog_of_id IS NULL OR (SELECT o.account_id FROM statuses o WHERE o.id = s.reblog_of_id) NOT IN (SELECT target_account_id FROM blocks WHERE account_id = ?))",
    );
    args.push(viewer);
  }
  if (o.pinned) where.push("EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id AND p.account_id = s.account_id)");
  if (o.excludeReplies) {
    where.push("(s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = ?)");
    args.push(o.accountId);
  }
  if (o.excludeReblogs || o.onlyMedia || o.pinned || o.tag !== undefined) where.push("s.reblog_of_id IS NULL");
  if (o.onlyMedia) where.push("EXISTS (SELECT 1 FROM media_attachments ma WHERE ma.status_id = s.id)");
  if (o.excludeSensitive) where.push("s.sensitive = 0");
  if (o.tag !== undefined) {
    where.push("EXISTS (SELECT 1 FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = s.id AND t.name = ?)");
    args.push(o.tag);
  }
  const p = pageSql(page, "s.id");
  return p
    .finish(
      db
        .query<{ id: number }, any[]>(`SELECT s.id FROM statuses s WHERE ${where.join(" AND ")}${p.where} ORDER BY ${p.order} LIMIT ?`)
        .all(...args, ...p.args, page.limit),
    )
    .map((x) => x.id);
}
