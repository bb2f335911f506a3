/** Deletes an unattached upload (DELETE /api/v1/media/:id, Mastodon 4.4): row first, then its files. */
import type { AppContext } from "../../context";
import { deleteKeys, removePending } from "../../media/files";
import { findOwnUnattachedMedia } from "./find";

/** Removes the caller's unattached media `rawId`; 404 for others' or attached media. */
export async function destroyMedia(ctx: AppContext, accountId: number, rawId: unknown): Promise<void> {
  const row = findOwnUnattachedMedia(ctx, accountId, rawId);
  const gone = ctx.db.transaction(() =>
    ctx.db.query("DELETE FROM media_attachments WHERE id = ? AND status_id IS NULL").run(row.id).changes,
  ).immediate();
  if (gone === 0) { findOwnUnattachedMedia(ctx, accountId, rawId); return; }
  await deleteKeys(ctx, [row.file_key, row.thumbnail_key]);
  await removePending(ctx, row.id);
}
