/** Named queries on the `media_attachments` table: lookups and linking uploads to statuses and scheduled statuses. */
import type { Database } from "bun:sqlite";
import type { MediaRow } from "../rows";
import { selectIn } from "../sql";

/** The rows among `ids` that belong to `accountId`, in no particular order. */
export function listAccountMediaByIds(db: Database, accountId: number, ids: readonly number[]): MediaRow[] {
  return selectIn<MediaRow>(db, (ph) => `SELECT * FROM media_attachments WHERE account_id = ? AND id IN (${ph})`, ids, [accountId]);
}

/** Links upload `mediaId` to status `statusId`. */
export function attachMediaToStatus(db: Database, mediaId: number, statusId: number, at: number): void {
  db.query("UPDATE media_attachments SET status_id = ?, updated_at = ? WHERE id = ?").run(statusId, at, mediaId);
}

/** Unlinks the uploads of status `statusId` whose ids are not in `keepIdsJson` (a JSON array). */
export function detachStatusMediaExcept(db: Database, statusId: number, keepIdsJson: string): void {
  db.query(`UPDATE media_attachments SET status_id = NULL WHERE status_id = ? AND id NOT IN (SELECT value FROM json_each(?))`).run(
    statusId,
    keepIdsJson,
  );
}

/** Links upload `mediaId` to scheduled status `scheduledId`. */
export function attachMediaToScheduledStatus(db: Database, mediaId: number, scheduledId: number, at: number): void {
  db.query("UPDATE media_attachments SET scheduled_status_id = ?, updated_at = ? WHERE id = ?").run(scheduledId, at, mediaId);
}

/** The uploads waiting for scheduled status `scheduledId` (not yet on a status). */
export function listScheduledStatusMedia(db: Database, scheduledId: number): { id: number; processing: number }[] {
  return db
    .query<{ id: number; processing: number }, [number]>(
      "SELECT id, processing FROM media_attachments WHERE scheduled_status_id = ? AND status_id IS NULL",
    )
    .all(scheduledId);
}

/** Unlinks every upload from scheduled status `scheduledId` (updated_at untouched: publishing re-attaches them). */
export function detachScheduledStatusMedia(db: Database, scheduledId: number): void {
  db.query("UPDATE media_attachments SET scheduled_status_id = NULL WHERE scheduled_status_id = ?").run(scheduledId);
}

/** Unlinks every upload from a cancelled scheduled status and sets their updated_at to `at`. */
export function releaseScheduledStatusMedia(db: Database, scheduledId: number, at: number): void {
  db.query("UPDATE media_attachments SET scheduled_status_id = NULL, updated_at = ? WHERE scheduled_status_id = ?").run(at, scheduledId);
}

/** The columns of a remote attachment (stored by URL, not yet cached). */
export interface NewRemoteMediaRow {
  id: number;
  account_id: number;
  status_id: number;
  type: string;
  content_type: string | null;
  remote_url: string;
  description: string | null;
  focus_x: number;
  focus_y: number;
  meta: string;
  blurhash: string | null;
  created_at: number;
  updated_at: number;
}

/** Inserts a remote status's attachment (processing = 0). */
export function insertRemoteMedia(db: Database, r: NewRemoteMediaRow): void {
  db.query(
    `INSERT INTO media_attachments (id, account_id, status_id, type, content_type, remote_url, description, focus_x, focus_y, meta, blurhash, processing, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(
    r.id,
    r.account_id,
    r.status_id,
    r.type,
    r.content_type,
    r.remote_url,
    r.description,
    r.focus_x,
    r.focus_y,
    r.meta,
    r.blurhash,
    r.created_at,
    r.updated_at,
  );
}

/** remote_url and description of each attachment of `statusId`, by id (to tell whether an Update changed them). */
export function listStatusMediaUrls(db: Database, statusId: number): { remote_url: string | null; description: string | null }[] {
  return db
    .query<{ remote_url: string | null; description: string | null }, [number]>(
      "SELECT remote_url, description FROM media_attachments WHERE status_id = ? ORDER BY id",
    )
    .all(statusId);
}

/** Detaches every attachment of `statusId` (the unattached-media cleanup removes them later). */
export function detachStatusMedia(db: Database, statusId: number): void {
  db.query("UPDATE media_attachments SET status_id = NULL WHERE status_id = ?").run(statusId);
}

/** The attachments among `ids` that exist (any owner, in no particular order). */
export function listMediaByIds(db: Database, ids: readonly number[]): MediaRow[] {
  return selectIn<MediaRow>(db, (ph) => `SELECT * FROM media_attachments WHERE id IN (${ph})`, ids);
}

/** True when status `statusId` has at least one attachment. */
export function statusHasMedia(db: Database, statusId: number): boolean {
  return !!db.query("SELECT 1 FROM media_attachments WHERE status_id = ? LIMIT 1").get(statusId);
}

/** The attachment `id`, else null. */
export function getMedia(db: Database, id: number): MediaRow | null {
  return db.query<MediaRow, [number]>("SELECT * FROM media_attachments WHERE id = ?").get(id);
}

/** Attachment `id` when `accountId` uploaded it and it is not on a status yet, else null. */
export function getOwnUnattachedMedia(db: Database, id: number, accountId: number): MediaRow | null {
  return db
    .query<MediaRow, [number, number]>("SELECT * FROM media_attachments WHERE id = ? AND account_id = ? AND status_id IS NULL")
    .get(id, accountId);
}

/** The columns of a new local upload. */
export interface NewUploadRow {
  id: number;
  account_id: number;
  type: string;
  file_key: string | null;
  thumbnail_key: string | null;
  content_type: string;
  file_size: number;
  description: string | null;
  focus_x: number;
  focus_y: number;
  meta: string;
  blurhash: string | null;
  processing: number;
  created_at: number;
}

/** Inserts a local upload and returns its row. */
export function insertUpload(db: Database, r: NewUploadRow): MediaRow {
  return db
    .query<MediaRow, any>(
      `INSERT INTO media_attachments (id, account_id, type, file_key, thumbnail_key, content_type, file_size, description,
       focus_x, focus_y, meta, blurhash, processing, created_at, updated_at)
     VALUES ($id, $account, $type, $file, $thumb, $ct, $size, $desc, $fx, $fy, $meta, $blurhash, $processing, $t, $t) RETURNING *`,
    )
    .get({
      id: r.id,
      account: r.account_id,
      type: r.type,
      file: r.file_key,
      thumb: r.thumbnail_key,
      ct: r.content_type,
      size: r.file_size,
      desc: r.description,
      fx: r.focus_x,
      fy: r.focus_y,
      meta: r.meta,
      blurhash: r.blurhash,
      processing: r.processing,
      t: r.created_at,
    })!;
}

/** What an upload's owner may change before it is attached. */
export interface UploadChanges {
  description: string | null;
  focus_x: number;
  focus_y: number;
  thumbnail_key: string | null;
  blurhash: string | null;
  meta: string;
}

/** Applies `c` to upload `id` unless it got attached meanwhile; the new row, else null. */
export function updateUnattachedMedia(db: Database, id: number, c: UploadChanges, now: number): MediaRow | null {
  return db
    .query<MediaRow, any>(
      `UPDATE media_attachments SET description = $desc, focus_x = $fx, focus_y = $fy, thumbnail_key = $thumb,
       blurhash = $blurhash, meta = $meta, updated_at = $t
     WHERE id = $id AND status_id IS NULL RETURNING *`,
    )
    .get({ id, desc: c.description, fx: c.focus_x, fy: c.focus_y, thumb: c.thumbnail_key, blurhash: c.blurhash, meta: c.meta, t: now });
}

/** Deletes upload `id` unless it got attached meanwhile; true when it went. */
export function deleteUnattachedMedia(db: Database, id: number): boolean {
  return db.query("DELETE FROM media_attachments WHERE id = ? AND status_id IS NULL").run(id).changes > 0;
}

/** Marks a queued upload as failed (processing = 2). */
export function markMediaProcessingFailed(db: Database, id: number, now: number): void {
  db.query("UPDATE media_attachments SET processing = 2, updated_at = ? WHERE id = ? AND processing = 1").run(now, id);
}

/** Finishes a transcoded video/audio upload: its file, meta and (when none was uploaded) preview. */
export function finishAvProcessing(
  db: Database,
  id: number,
  f: { fileKey: string; contentType: string; fileSize: number; meta: string; thumbnailKey: string | null; blurhash: string | null },
  now: number,
): boolean {
  return (
    db
      .query(
        `UPDATE media_attachments SET file_key = ?, content_type = ?, file_size = ?, meta = ?,
           thumbnail_key = COALESCE(thumbnail_key, ?), blurhash = COALESCE(blurhash, ?), processing = 0, updated_at = ?
         WHERE id = ? AND processing = 1`,
      )
      .run(f.fileKey, f.contentType, f.fileSize, f.meta, f.thumbnailKey, f.blurhash, now, id).changes > 0
  );
}

/** Stores the rendered original of a queued upload and marks it done; false when the row is gone or no longer queued. */
export function finishMediaProcessing(
  db: Database,
  id: number,
  fileKey: string,
  contentType: string,
  fileSize: number,
  meta: string,
  now: number,
): boolean {
  return (
    db
      .query(
        `UPDATE media_attachments SET file_key = ?, content_type = ?, file_size = ?, meta = ?, processing = 0, updated_at = ?
     WHERE id = ? AND processing = 1`,
      )
      .run(fileKey, contentType, fileSize, meta, now, id).changes > 0
  );
}

/** The local copy of a remote attachment. */
export interface CachedRemoteFiles {
  file_key: string | null;
  thumbnail_key: string;
  type: string;
  content_type: string | null;
  file_size: number | null;
  meta: string;
  blurhash: string | null;
}

/**
 * Records the local copy of remote attachment `id` — only while it still has `remoteUrl`, is on
 * a status and is not cached yet; false otherwise.
 */
export function storeCachedRemoteMedia(db: Database, id: number, remoteUrl: string, f: CachedRemoteFiles, now: number): boolean {
  return (
    db
      .query(
        `UPDATE media_attachments SET file_key = ?, thumbnail_key = ?, type = ?, content_type = coalesce(?, content_type),
       file_size = coalesce(?, file_size), meta = ?, blurhash = ?, updated_at = ?, cache_removed_at = NULL
     WHERE id = ? AND remote_url = ? AND status_id IS NOT NULL AND file_key IS NULL AND thumbnail_key IS NULL`,
      )
      .run(f.file_key, f.thumbnail_key, f.type, f.content_type, f.file_size, f.meta, f.blurhash, now, id, remoteUrl).changes > 0
  );
}

/**
 * Deletes up to `limit` uploads created before `cutoff` that are on neither a status nor a
 * scheduled status (re-checked in the DELETE itself) and returns them.
 */
export function deleteUnattachedMediaBefore(db: Database, cutoff: number, limit: number): MediaRow[] {
  return db
    .query<MediaRow, [number, number]>(
      `DELETE FROM media_attachments WHERE id IN (
       SELECT id FROM media_attachments WHERE status_id IS NULL AND scheduled_status_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?)
     AND status_id IS NULL AND scheduled_status_id IS NULL RETURNING *`,
    )
    .all(cutoff, limit);
}

/**
 * Up to `limit` remote attachments with cached files stored before `cutoff` (updated_at, which
 * caching sets, so a copy fetched again on view counts from then), oldest first.
 */
export function listCachedRemoteMediaBefore(db: Database, cutoff: number, limit: number): MediaRow[] {
  return db
    .query<MediaRow, [number, number]>(
      `SELECT * FROM media_attachments WHERE remote_url IS NOT NULL AND remote_url <> ''
       AND (file_key IS NOT NULL OR thumbnail_key IS NOT NULL) AND updated_at < ? ORDER BY updated_at LIMIT ?`,
    )
    .all(cutoff, limit);
}

/** Up to `limit` remote attachments with cached files whose account is on `domain` (lower-case) or a subdomain. */
export function listCachedRemoteMediaOfDomain(db: Database, domain: string, limit: number): MediaRow[] {
  const accounts = "SELECT id FROM accounts WHERE domain IS NOT NULL AND (lower(domain) = ?1 OR lower(domain) LIKE ?2)";
  return db
    .query<MediaRow, [string, string, number]>(
      `SELECT * FROM media_attachments WHERE account_id IN (${accounts}) AND remote_url IS NOT NULL AND remote_url <> ''
       AND (file_key IS NOT NULL OR thumbnail_key IS NOT NULL) LIMIT ?3`,
    )
    .all(domain, `%.${domain}`, limit);
}

/** Forgets the cached files of attachment `id` (remote_url stays, so it can be fetched again). */
export function uncacheMedia(db: Database, id: number, now: number): void {
  db.query("UPDATE media_attachments SET file_key = NULL, thumbnail_key = NULL, cache_removed_at = NULL, updated_at = ? WHERE id = ?").run(
    now,
    id,
  );
}

/**
 * Forgets the cached files of remote attachment `id` because the retention removed them: the API
 * then points at the media proxy, which fetches the file again when someone views it.
 */
export function markRemoteMediaCacheRemoved(db: Database, id: number, now: number): void {
  db.query("UPDATE media_attachments SET file_key = NULL, thumbnail_key = NULL, cache_removed_at = ?1, updated_at = ?1 WHERE id = ?2").run(
    now,
    id,
  );
}

/** Stored file keys of the attachments among `ids` and whether each is remote (the others have no row). */
export function listMediaFileKeys(
  db: Database,
  ids: readonly number[],
): { id: number; remote: number; file_key: string | null; thumbnail_key: string | null }[] {
  return selectIn(
    db,
    (ph) =>
      `SELECT id, (remote_url IS NOT NULL AND remote_url <> '') AS remote, file_key, thumbnail_key FROM media_attachments WHERE id IN (${ph})`,
    ids,
  );
}

/**
 * Sets the description of media `id` of `accountId` that is attached to `statusId` or not yet
 * attached (an edit's media_attributes); true when the description changed.
 */
export function describeStatusMedia(
  db: Database,
  id: number,
  accountId: number,
  statusId: number,
  description: string,
  now: number,
): boolean {
  return (
    db
      .query(
        `UPDATE media_attachments SET description = ?, updated_at = ?
         WHERE id = ? AND account_id = ? AND (status_id = ? OR status_id IS NULL) AND description IS NOT ?`,
      )
      .run(description, now, id, accountId, statusId, description).changes > 0
  );
}
