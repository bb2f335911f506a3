/** Following and unfollowing hashtags (Mastodon's TagFollow); private to the account, no side effects. */
import type { AppContext } from "../../context";
import { findOrCreateTag, tagRef, type TagRef, type TagRow } from "./names";

/**
 * Follows the hashtag `name` (a valid name; the tag is created when new). Idempotent, as
 * Mastodon since 4.1. New public posts with the tag then reach the home feed (see fan-out.ts).
 */
export function followTag(ctx: AppContext, accountId: number, name: string): TagRow {
  return ctx.db.transaction(() => {
    const tag = findOrCreateTag(ctx, name);
    ctx.db.query("INSERT OR IGNORE INTO tag_follows (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), accountId, tag.id, ctx.now());
    return tag;
  }).immediate();
}

/** Stops following the hashtag (no-op when not followed or unknown). Posts already in the feed stay, as in Mastodon. */
export function unfollowTag(ctx: AppContext, accountId: number, name: string): TagRef {
  const tag = tagRef(ctx, name);
  if (tag.id !== null) ctx.db.query("DELETE FROM tag_follows WHERE account_id = ? AND tag_id = ?").run(accountId, tag.id);
  return tag;
}
