/**
 * Hashtag names from clients: what counts as a valid name (the same rule that links a
 * `#word` in a post), and finding or creating the tags row for one.
 */
import type { AppContext } from "../../context";
import { getTagByName, insertUnusedTagIfMissing } from "../../db/queries/tags";
import type { TagRow } from "../../db/rows";
import { normalizeTag } from "../../text/format";

export type { TagRow } from "../../db/rows";

/** A tag that may not exist yet: `id` is null until someone uses, follows or features it. */
export interface TagRef {
  id: number | null;
  name: string;
  display_name: string;
}

const NAME_RE = /^[\p{L}\p{M}\p{N}_]+$/u;
const HAS_LETTER = /[\p{L}_]/u;

/** True when `name` (without `#`) is a hashtag Hearth would link in a post. */
export function isValidTagName(name: string): boolean {
  return name.length > 0 && name.length <= 500 && NAME_RE.test(name) && HAS_LETTER.test(name);
}

/** The stored tag named `name` (any case), or null. */
export function findTag(ctx: AppContext, name: string): TagRow | null {
  return getTagByName(ctx.db, normalizeTag(name));
}

/** The stored tag, or an unsaved reference for a valid name (Mastodon's Tag.new in TagsController). */
export function tagRef(ctx: AppContext, name: string): TagRef {
  return findTag(ctx, name) ?? { id: null, name: normalizeTag(name), display_name: name };
}

/** Finds or creates the tag named `name` (display as typed); call inside a transaction. */
export function findOrCreateTag(ctx: AppContext, name: string): TagRow {
  insertUnusedTagIfMissing(ctx.db, ctx.ids.next(), normalizeTag(name), name, ctx.now());
  return findTag(ctx, name)!;
}
