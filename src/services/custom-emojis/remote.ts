/**
 * Remote custom emoji: the `Emoji` tags of incoming statuses and actors are kept as remote rows
 * (domain set), and their images are cached by the `emoji.cache_remote` job through safeFetch.
 */
import type { AppContext } from "../../context";
import { transaction } from "../../db/connection";
import { findCustomEmoji, getCustomEmoji, insertCustomEmoji, updateCustomEmoji } from "../../db/queries/custom-emojis";
import { processEmojiImage, EMOJI_MAX_BYTES } from "../../media/emoji";
import { fetchRemoteImage, RemoteMediaError } from "../../media/remote-fetch";
import type { ParsedEmoji } from "../../serializers/activitypub/emoji";
import { randomToken } from "../oauth/tokens";

/**
 * Stores the emoji of `domain` named in an incoming object (call inside the caller's transaction).
 * New ones and ones whose image changed are enqueued for caching (`emoji.cache_remote`).
 */
export function storeRemoteEmojis(ctx: AppContext, domain: string, emojis: readonly ParsedEmoji[]): void {
  const now = ctx.now();
  for (const e of emojis) {
    const old = findCustomEmoji(ctx.db, e.shortcode, domain);
    if (old && old.image_remote_url === e.url) continue;
    if (old && old.updated_at !== null && e.updatedAt !== null && e.updatedAt < old.updated_at) continue;
    let id: number;
    if (old) {
      updateCustomEmoji(ctx.db, old.id, { image_remote_url: e.url, uri: e.uri, updated_at: e.updatedAt ?? now });
      id = old.id;
    } else {
      id = insertCustomEmoji(ctx.db, {
        shortcode: e.shortcode,
        domain,
        image_key: null,
        image_static_key: null,
        image_content_type: null,
        image_file_size: null,
        image_remote_url: e.url,
        uri: e.uri,
        visible_in_picker: 0,
        disabled: 0,
        category: null,
        created_at: now,
        updated_at: e.updatedAt ?? now,
      });
    }
    ctx.jobs.enqueue("emoji.cache_remote", { id });
  }
}

/** Downloads and stores a remote emoji's image (and static rendition). Throws RemoteMediaError to retry. */
export async function cacheRemoteEmoji(ctx: AppContext, id: number): Promise<void> {
  const row = getCustomEmoji(ctx.db, id);
  if (!row || row.domain === null || !row.image_remote_url) return;
  const { bytes } = await fetchRemoteImage(ctx, row.image_remote_url, EMOJI_MAX_BYTES);
  let img: Awaited<ReturnType<typeof processEmojiImage>>;
  try {
    img = await processEmojiImage(bytes);
  } catch (e) {
    throw new RemoteMediaError(e instanceof Error ? e.message : String(e), true);
  }
  const dir = `custom_emojis/remote/${row.domain}/${row.shortcode.toLowerCase()}-${randomToken(6)}`;
  const key = `${dir}/original.${img.ext}`;
  const staticKey = `${dir}/static.png`;
  await ctx.storage.put(key, img.original, img.mime);
  await ctx.storage.put(staticKey, img.staticPng, "image/png");
  const current = getCustomEmoji(ctx.db, id);
  transaction(ctx.db, () =>
    updateCustomEmoji(ctx.db, id, {
      image_key: key,
      image_static_key: staticKey,
      image_content_type: img.mime,
      image_file_size: bytes.length,
    }),
  );
  for (const k of [current?.image_key, current?.image_static_key]) if (k) await ctx.storage.delete(k).catch(() => undefined);
}
