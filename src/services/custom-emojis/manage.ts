/**
 * Local custom emoji administration (Hearth's admin endpoints and `hearth admin emoji`): create from
 * an image, change shortcode, category, picker visibility or disabled flag, delete, and copy a
 * remote emoji the instance has seen into a local one. Files are stored before the row is written.
 */
import { logAdminAction } from "../admin/action-log";
import type { AppContext } from "../../context";
import { transaction } from "../../db/connection";
import { deleteCustomEmoji, findCustomEmoji, getCustomEmoji, insertCustomEmoji, updateCustomEmoji } from "../../db/queries/custom-emojis";
import { processEmojiImage, type EmojiImage } from "../../media/emoji";
import { notFound, validation } from "../../model/errors";
import type { CustomEmojiRow } from "../../serializers/mastodon/custom-emoji";
import { SHORTCODE_RE } from "../../text/custom-emoji";
import { randomToken } from "../oauth/tokens";

/** Create/update parameters (undefined: not given). */
export interface EmojiInput {
  shortcode?: string;
  category?: string | null;
  visibleInPicker?: boolean;
  disabled?: boolean;
}

const MAX_CATEGORY = 64;

function checkShortcode(ctx: AppContext, code: string | undefined, selfId?: number): string {
  if (!code) throw validation("Shortcode can't be blank");
  if (!SHORTCODE_RE.test(code))
    throw validation("Shortcode must be at least 2 characters and can only contain alphanumeric characters and underscores");
  const other = findCustomEmoji(ctx.db, code, null);
  if (other && other.id !== selfId) throw validation("Shortcode has already been taken");
  return code;
}

function checkCategory(c: string | null | undefined): string | null | undefined {
  if (c === undefined || c === null) return c;
  const t = c.trim();
  if (t.length > MAX_CATEGORY) throw validation(`Category is too long (maximum is ${MAX_CATEGORY} characters)`);
  return t || null;
}

/** Stores the image files of a new local emoji; returns their keys. */
export async function storeEmojiImage(ctx: AppContext, shortcode: string, img: EmojiImage): Promise<{ key: string; staticKey: string }> {
  const dir = `custom_emojis/${shortcode.toLowerCase()}-${randomToken(6)}`;
  const key = `${dir}/original.${img.ext}`;
  const staticKey = `${dir}/static.png`;
  await ctx.storage.put(key, img.original, img.mime);
  await ctx.storage.put(staticKey, img.staticPng, "image/png");
  return { key, staticKey };
}

/** Checks an uploaded image; 422 when it is not a PNG/GIF/WebP of at most 256 KB. */
export async function checkEmojiImage(bytes: Uint8Array): Promise<EmojiImage> {
  try {
    return await processEmojiImage(bytes);
  } catch (e) {
    throw validation(e instanceof Error ? e.message : "Image is invalid");
  }
}

/** Creates a local emoji from image bytes. `overwrite`: replace the image of an existing one (tootctl --overwrite). */
export async function createCustomEmoji(
  ctx: AppContext,
  i: EmojiInput,
  image: Uint8Array | undefined,
  opts: { overwrite?: boolean; actor?: number | null } = {},
): Promise<CustomEmojiRow> {
  const existing = opts.overwrite && i.shortcode ? findCustomEmoji(ctx.db, i.shortcode, null) : null;
  const shortcode = checkShortcode(ctx, i.shortcode, existing?.id);
  const category = checkCategory(i.category) ?? null;
  if (!image) throw validation("Image can't be blank");
  const img = await checkEmojiImage(image);
  const files = await storeEmojiImage(ctx, shortcode, img);
  const now = ctx.now();
  const cols = {
    image_key: files.key,
    image_static_key: files.staticKey,
    image_content_type: img.mime,
    image_file_size: img.original.length,
    updated_at: now,
  };
  const id = transaction(ctx.db, () => {
    if (existing) {
      updateCustomEmoji(ctx.db, existing.id, { ...cols, category: category ?? existing.category });
      logAdminAction(ctx, opts.actor ?? null, "update", "CustomEmoji", existing.id, shortcode);
      return existing.id;
    }
    const newId = insertCustomEmoji(ctx.db, {
      shortcode,
      domain: null,
      image_remote_url: null,
      uri: null,
      visible_in_picker: i.visibleInPicker === false ? 0 : 1,
      disabled: i.disabled ? 1 : 0,
      category,
      created_at: now,
      ...cols,
    });
    logAdminAction(ctx, opts.actor ?? null, "create", "CustomEmoji", newId, shortcode);
    return newId;
  });
  if (existing) await removeFiles(ctx, existing);
  return getCustomEmoji(ctx.db, id)!;
}

/** The emoji by id; 404 when there is none. */
export function findEmoji(ctx: AppContext, id: number | undefined): CustomEmojiRow {
  const row = id === undefined ? null : getCustomEmoji(ctx.db, id);
  if (!row) throw notFound();
  return row;
}

/** Renames, recategorizes, hides/shows or disables/enables an emoji (shortcode: local ones only). */
export function updateEmoji(ctx: AppContext, id: number | undefined, i: EmojiInput, actor: number | null = null): CustomEmojiRow {
  const row = findEmoji(ctx, id);
  const set: Record<string, unknown> = {};
  if (i.shortcode !== undefined && i.shortcode !== row.shortcode) {
    if (row.domain !== null) throw validation("Only local custom emoji can be renamed");
    set.shortcode = checkShortcode(ctx, i.shortcode, row.id);
  }
  const category = checkCategory(i.category);
  if (category !== undefined) set.category = category;
  if (i.visibleInPicker !== undefined) set.visible_in_picker = i.visibleInPicker ? 1 : 0;
  if (i.disabled !== undefined) set.disabled = i.disabled ? 1 : 0;
  set.updated_at = ctx.now();
  // As Mastodon's log: disabling and enabling are their own actions.
  const action = i.disabled !== undefined && !!i.disabled !== !!row.disabled ? (i.disabled ? "disable" : "enable") : "update";
  transaction(ctx.db, () => {
    updateCustomEmoji(ctx.db, row.id, set);
    logAdminAction(ctx, actor, action, "CustomEmoji", row.id, (set.shortcode as string | undefined) ?? row.shortcode);
  });
  return getCustomEmoji(ctx.db, row.id)!;
}

async function removeFiles(ctx: AppContext, row: CustomEmojiRow): Promise<void> {
  for (const k of [row.image_key, row.image_static_key]) if (k) await ctx.storage.delete(k).catch(() => undefined);
}

/** Deletes an emoji and its files. */
export async function removeEmoji(ctx: AppContext, id: number | undefined, actor: number | null = null): Promise<CustomEmojiRow> {
  const row = findEmoji(ctx, id);
  transaction(ctx.db, () => {
    deleteCustomEmoji(ctx.db, row.id);
    logAdminAction(ctx, actor, "destroy", "CustomEmoji", row.id, row.shortcode);
  });
  await removeFiles(ctx, row);
  return row;
}

/** Copies a remote emoji (whose image is cached) into a local one with the same shortcode, as Mastodon's "Copy". */
export async function copyEmoji(ctx: AppContext, id: number | undefined, actor: number | null = null): Promise<CustomEmojiRow> {
  const row = findEmoji(ctx, id);
  if (row.domain === null) throw validation("This custom emoji is already local");
  if (!row.image_key) throw validation("The image of this custom emoji has not been fetched yet");
  const blob = await ctx.storage.get(row.image_key);
  if (!blob) throw validation("The image of this custom emoji has not been fetched yet");
  return createCustomEmoji(ctx, { shortcode: row.shortcode, category: row.category }, new Uint8Array(await blob.arrayBuffer()), { actor });
}
