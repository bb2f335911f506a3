/**
 * Updates an unattached upload's description, focal point and (audio/video) custom thumbnail.
 * The new thumbnail is stored before the row changes; the old one is deleted after commit.
 */
import type { AppContext } from "../../context";
import { updateUnattachedMedia } from "../../db/queries/media-attachments";
import type { MediaRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";
import { deleteKeys, mediaKey } from "../../media/files";
import { findOwnUnattachedMedia } from "./find";
import { checkDescription, mediaBounds, parseFocus, prepareThumbnail } from "./input";

/** Fields of PUT /api/v1/media/:id; absent fields stay as they are. */
export interface MediaUpdate {
  description?: string;
  focus?: string;
  thumbnail?: Blob;
}

/** Applies `input` to the caller's media `rawId`; 404 for others' or attached media. */
export async function updateMedia(ctx: AppContext, accountId: number, rawId: unknown, input: MediaUpdate): Promise<MediaRow> {
  const row = findOwnUnattachedMedia(ctx, accountId, rawId);
  const description = checkDescription(input.description);
  const focus = parseFocus(input.focus);
  let thumb: { key: string; meta: Record<string, unknown>; blurhash: string } | undefined;
  if (input.thumbnail) {
    if (row.type !== "video" && row.type !== "gifv" && row.type !== "audio") throw validation("Thumbnail must be blank");
    const t = await prepareThumbnail(input.thumbnail, mediaBounds(ctx));
    const key = mediaKey(row.id, "small", t.small.ext);
    await ctx.storage.put(key, t.small.data, t.small.mime);
    thumb = { key, meta: t.meta, blurhash: t.blurhash };
  }
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(row.meta);
  } catch {
    /* keep empty */
  }
  if (thumb) meta.small = thumb.meta;
  let updated: MediaRow | null;
  try {
    updated = transaction(ctx.db, () =>
      updateUnattachedMedia(
        ctx.db,
        row.id,
        {
          description: description !== undefined ? description : row.description,
          focus_x: focus?.x ?? row.focus_x,
          focus_y: focus?.y ?? row.focus_y,
          thumbnail_key: thumb?.key ?? row.thumbnail_key,
          blurhash: thumb?.blurhash ?? row.blurhash,
          meta: JSON.stringify(meta),
        },
        ctx.now(),
      ),
    );
  } catch (e) {
    if (thumb) await deleteKeys(ctx, [thumb.key]);
    throw e;
  }
  if (!updated) {
    if (thumb) await deleteKeys(ctx, [thumb.key]);
    return findOwnUnattachedMedia(ctx, accountId, rawId); // attached meanwhile: 404
  }
  if (thumb) await deleteKeys(ctx, [row.thumbnail_key]);
  return updated;
}
