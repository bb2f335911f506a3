/**
 * Periodic media cleanup, as `tootctl media remove` does: unattached uploads older than a day
 * (rows and files; uploads waiting for a scheduled status count as attached), and cached
 * files of remote media older than MEDIA_CACHE_RETENTION_DAYS (files only; rows keep
 * remote_url so they can be fetched again).
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
         SELECT id FROM media_attachments WHERE status_id IS NULL AND scheduled_status_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?)
       AND status_id IS NULL AND scheduled_status_id IS NULL RETURNING *`,
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

/**
 * Drops the cached copies of a domain's (and its subdomains') attachments, avatars and headers
 * and forgets their profile image URLs, as Mastodon does when a domain is suspended or its
 * media rejected (the `media.clear_domain` job). Attachment rows keep remote_url.
 */
export async function clearDomainMedia(ctx: AppContext, domain: string): Promise<number> {
  const d = domain.toLowerCase();
  const accounts = "SELECT id FROM accounts WHERE domain IS NOT NULL AND (lower(domain) = ?1 OR lower(domain) LIKE ?2)";
  let total = 0;
  for (;;) {
    const rows = ctx.db.query<MediaRow, [string, string, number]>(
      `SELECT * FROM media_attachments WHERE account_id IN (${accounts}) AND remote_url IS NOT NULL AND remote_url <> ''
         AND (file_key IS NOT NULL OR thumbnail_key IS NOT NULL) LIMIT ?3`,
    ).all(d, `%.${d}`, BATCH);
    for (const r of rows) {
      await deleteKeys(ctx, [r.file_key, r.thumbnail_key]);
      ctx.db.query("UPDATE media_attachments SET file_key = NULL, thumbnail_key = NULL, updated_at = ? WHERE id = ?").run(ctx.now(), r.id);
    }
    total += rows.length;
    if (rows.length < BATCH) break;
  }
  const profiles = ctx.db.query<{ id: number; avatar_path: string | null; header_path: string | null }, [string, string]>(
    `SELECT id, avatar_path, header_path FROM accounts WHERE id IN (${accounts})
       AND (avatar_path IS NOT NULL OR header_path IS NOT NULL OR avatar_remote_url IS NOT NULL OR header_remote_url IS NOT NULL)`,
  ).all(d, `%.${d}`);
  for (const a of profiles) {
    await deleteKeys(ctx, [a.avatar_path, a.header_path]);
    ctx.db.query("UPDATE accounts SET avatar_path = NULL, header_path = NULL, avatar_remote_url = NULL, header_remote_url = NULL WHERE id = ?").run(a.id);
  }
  return total + profiles.length;
}

/** Storage keys a job may delete: media and profile images only, never a path outside them. */
export function deletableKey(key: unknown): key is string {
  return typeof key === "string" && /^(media_attachments\/files|accounts\/(avatars|headers))\//.test(key) && !key.includes("..");
}

/**
 * The stored files of an account that is about to be deleted, enqueued as `media.delete_files`
 * jobs (the rows cascade away with the account). Call inside the deleting transaction.
 */
export function enqueueAccountFileDeletion(ctx: AppContext, accountId: number): void {
  const keys = ctx.db.query<{ k: string }, [number]>(
    `SELECT avatar_path AS k FROM accounts WHERE id = ?1 AND avatar_path IS NOT NULL
     UNION ALL SELECT header_path FROM accounts WHERE id = ?1 AND header_path IS NOT NULL
     UNION ALL SELECT file_key FROM media_attachments WHERE account_id = ?1 AND file_key IS NOT NULL
     UNION ALL SELECT thumbnail_key FROM media_attachments WHERE account_id = ?1 AND thumbnail_key IS NOT NULL`,
  ).all(accountId).map((r) => r.k);
  for (let i = 0; i < keys.length; i += BATCH) ctx.jobs.enqueue("media.delete_files", { keys: keys.slice(i, i + BATCH) });
}
