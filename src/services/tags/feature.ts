/**
 * Featuring hashtags on one's profile (Mastodon's CreateFeaturedTagService and
 * RemoveFeaturedTagService): at most ten, idempotent per tag. Each change federates Add or
 * Remove of the Hashtag to/from the actor's `featuredTags` collection, to its followers.
 */
import type { AppContext } from "../../context";
import {
  countFeaturedTags,
  deleteFeaturedTag as deleteFeaturedTagRow,
  deleteFeaturedTagOfTag,
  getFeaturedTagId,
  getOwnedFeaturedTag,
  insertFeaturedTag,
} from "../../db/queries/featured-tags";
import { transaction } from "../../db/transaction";
import { ApiError, validation } from "../../model/errors";
import { toApActivity } from "../../serializers/activitypub/activity";
import { accountRow, sendToFollowers } from "../federation/send";
import { findOrCreateTag, isValidTagName, tagRef, type TagRef, type TagRow } from "./names";

/** Most featured tags per account (Mastodon's FeaturedTag::LIMIT). */
export const MAX_FEATURED_TAGS = 10;

/** The AS2 Hashtag object of a tag. */
export function toApHashtag(ctx: AppContext, name: string, display: string): Record<string, unknown> {
  return { type: "Hashtag", href: ctx.uris.tag(name), name: `#${display}` };
}

function publish(ctx: AppContext, type: "Add" | "Remove", accountId: number, rowId: number, tag: { name: string; display: string }): void {
  const a = accountRow(ctx, accountId);
  if (a.domain !== null) return;
  sendToFollowers(ctx, accountId, () =>
    toApActivity(ctx, type, a, toApHashtag(ctx, tag.name, tag.display), {
      id: ctx.uris.rowActivity(a.uri, type === "Add" ? "featured_tags" : "unfeatured_tags", rowId),
      target: ctx.uris.featuredTags(a.username),
    }),
  );
}

/**
 * Features hashtag `rawName` (a leading `#` and spaces are dropped) on the account's profile
 * and returns the featured_tags id; an already featured tag is returned as is. 422 for an
 * invalid name or past the limit. Enqueues Add to followers.
 */
export function featureTag(ctx: AppContext, accountId: number, rawName: string): { id: number; tag: TagRow } {
  const name = rawName.trim().replace(/^#/, "");
  if (name === "") throw validation("Name can't be blank");
  if (!isValidTagName(name)) throw validation("Tag is invalid");
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const tag = findOrCreateTag(ctx, name);
    const existing = getFeaturedTagId(db, accountId, tag.id);
    if (existing !== null) return { id: existing, tag };
    if (countFeaturedTags(db, accountId) >= MAX_FEATURED_TAGS) throw validation("You have already featured the maximum number of hashtags");
    const id = ctx.ids.next();
    insertFeaturedTag(db, id, accountId, tag.id, name, ctx.now());
    publish(ctx, "Add", accountId, id, { name: tag.name, display: name });
    return { id, tag };
  });
}

/** Removes featured tag `id` of the account; 404 when it is someone else's or unknown. Enqueues Remove. */
export function deleteFeaturedTag(ctx: AppContext, accountId: number, id: number | undefined): void {
  transaction(ctx.db, () => {
    const row = id === undefined ? null : getOwnedFeaturedTag(ctx.db, id, accountId);
    if (!row) throw new ApiError(404, "Record not found");
    deleteFeaturedTagRow(ctx.db, row.id);
    publish(ctx, "Remove", accountId, row.id, { name: row.tag_name, display: row.name });
  });
}

/** Stops featuring hashtag `name` (no-op when it is not featured or unknown). Enqueues Remove when it was. */
export function unfeatureTag(ctx: AppContext, accountId: number, name: string): TagRef {
  const tag = tagRef(ctx, name);
  if (tag.id === null) return tag;
  transaction(ctx.db, () => {
    const row = deleteFeaturedTagOfTag(ctx.db, accountId, tag.id!);
    if (row) publish(ctx, "Remove", accountId, row.id, { name: tag.name, display: row.name });
  });
  return tag;
}
