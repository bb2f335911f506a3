/** Following and unfollowing hashtags (Mastodon's TagFollow); private to the account, no side effects. */
import type { AppContext } from "../../context";
import { deleteTagFollow, insertTagFollow } from "../../db/queries/tag-follows";
import { transaction } from "../../db/transaction";
import { findOrCreateTag, tagRef, type TagRef, type TagRow } from "./names";

/**
 * Follows the hashtag `name` (a valid name; the tag is created when new). Idempotent, as
 * Mastodon since 4.1. New public posts with the tag then reach the home feed (see fan-out.ts).
 */
export function followTag(ctx: AppContext, accountId: number, name: string): TagRow {
  return transaction(ctx.db, () => {
    const tag = findOrCreateTag(ctx, name);
    insertTagFollow(ctx.db, ctx.ids.next(), accountId, tag.id, ctx.now());
    return tag;
  });
}

/** Stops following the hashtag (no-op when not followed or unknown). Posts already in the feed stay, as in Mastodon. */
export function unfollowTag(ctx: AppContext, accountId: number, name: string): TagRef {
  const tag = tagRef(ctx, name);
  if (tag.id !== null) deleteTagFollow(ctx.db, accountId, tag.id);
  return tag;
}
