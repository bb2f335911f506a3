/** Deletes an unattached upload (DELETE /api/v1/media/:id, Mastodon 4.4): row first, then its files. */
import type { AppContext } from "../../context";
import { deleteUnattachedMedia } from "../../db/queries/media-attachments";
import { transaction } from "../../db/transaction";
import { deleteKeys, removePending } from "../../media/files";
import { findOwnUnattachedMedia } from "./find";

/** Removes the caller's unattached media `rawId`; 404 for others' or attached media. */
export async function destroyMedia(ctx: AppContext, accountId: number, rawId: unknown): Promise<void> {
  const row = findOwnUnattachedMedia(ctx, accountId, rawId);
  const gone = transaction(ctx.db, () => deleteUnattachedMedia(ctx.db, row.id));
  if (!gone) {
    findOwnUnattachedMedia(ctx, accountId, rawId);
    return;
  }
  await deleteKeys(ctx, [row.file_key, row.thumbnail_key]);
  await removePending(ctx, row.id);
}
