/** Downloading and storing a preview card's thumbnail. */
import type { AppContext } from "../../context";
import { setPreviewCardImage } from "../../db/queries/preview-cards";
import { transaction } from "../../db/transaction";
import { CARD_IMAGE_MAX_BYTES, makeCardImage } from "../../media/card-image";
import { fetchRemoteImage } from "../../media/remote-fetch";

/**
 * Fetches `url` through safeFetch, processes it with sharp and stores it as card `cardId`'s image
 * with its blurhash and size; a failure leaves the card without an image (Mastodon's
 * save_with_optional_image!).
 */
export async function storeCardImage(ctx: AppContext, cardId: number, url: string | null): Promise<void> {
  if (!url) return;
  try {
    const { bytes, sniffed } = await fetchRemoteImage(ctx, url, CARD_IMAGE_MAX_BYTES);
    const img = await makeCardImage(bytes, sniffed.mime);
    const rand = Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex");
    const key = `cache/preview_cards/images/${cardId}/${rand}.${img.ext}`;
    await ctx.storage.put(key, img.data, img.mime);
    const old = transaction(ctx.db, () => setPreviewCardImage(ctx.db, cardId, key, img.blurhash, img.width, img.height));
    if (old && old !== key) await ctx.storage.delete(old).catch(() => {});
  } catch (e) {
    ctx.log.debug(`card ${cardId}: no image from ${url}: ${e instanceof Error ? e.message : e}`);
  }
}
