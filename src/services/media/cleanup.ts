/**
 * Periodic media cleanup, as `tootctl media remove` does: unattached uploads older than a day
 * (rows and files), and cached files of remote media older than MEDIA_CACHE_RETENTION_DAYS
 * (files only; rows keep remote_url so they can be fetched again).
 */
import type { AppContext } from "../../context";
import type { MediaRow } from "../../db/rows";
import { deleteKeys, removePending } from "../../media/files";

const DAY = 24 * 60 * 60 * 1000;
const BATCH = 200;

/** Deletes unattached media created more than `olderThanMs` ago; returns how many rows went. */
export async function removeUnattachedMedia(ctx: AppContext, olderThanMs = DAY): Promise<number> {
  const cutoff = ctx.now() - olderThanMs;
  let total = 0;
  for (;;) {
    // Rows go first (re-checking status_id) so media attached meanwhile is never touched.
    const rows = ctx.db.transaction(() => ctx.db.query<MediaRow, [number, number]>(
      `DELETE FROM media_attachments WHERE id IN (
         SELECT id FROM media_attachments WHERE status_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?)
       AND status_id IS NULL RETURNING *`,
    ).all(cutoff, BATCH)).immediate();
    for (const r of rows) {
      await deleteKeys(ctx, [r.file_key, r.thumbnail_key]);
      await removePending(ctx, r.id);
    }
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/** Drops cached files of remote media older than `days`; returns how many rows were uncached. */
export async function removeRemoteMediaCache(ctx: AppContext, days: number): Promise<number> {
  const cutoff = ctx.now() - days * DAY;
  let total = 0;
  for (;;) {
    const rows = ctx.db.query<MediaRow, [number, number]>(
      `SELECT * FROM media_attachments WHERE remote_url IS NOT NULL AND remote_url <> ''
         AND (file_key IS NOT NULL OR thumbnail_key IS NOT NULL) AND created_at < ? ORDER BY created_at LIMIT ?`,
    ).all(cutoff, BATCH);
    for (const r of rows) {
      await deleteKeys(ctx, [r.file_key, r.thumbnail_key]);
      ctx.db.query("UPDATE media_attachments SET file_key = NULL, thumbnail_key = NULL, updated_at = ? WHERE id = ?").run(ctx.now(), r.id);
    }
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}
