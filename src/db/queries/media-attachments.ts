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
  db.query(`UPDATE media_attachments SET status_id = NULL WHERE status_id = ? AND id NOT IN (SELECT value FROM json_each(?))`).run(statusId, keepIdsJson);
}

/** Links upload `mediaId` to scheduled status `scheduledId`. */
export function attachMediaToScheduledStatus(db: Database, mediaId: number, scheduledId: number, at: number): void {
  db.query("UPDATE media_attachments SET scheduled_status_id = ?, updated_at = ? WHERE id = ?").run(scheduledId, at, mediaId);
}

/** The uploads waiting for scheduled status `scheduledId` (not yet on a status). */
export function listScheduledStatusMedia(db: Database, scheduledId: number): { id: number; processing: number }[] {
  return db.query<{ id: number; processing: number }, [number]>(
    "SELECT id, processing FROM media_attachments WHERE scheduled_status_id = ? AND status_id IS NULL",
  ).all(scheduledId);
}

/** Unlinks every upload from scheduled status `scheduledId` (updated_at untouched: publishing re-attaches them). */
export function detachScheduledStatusMedia(db: Database, scheduledId: number): void {
  db.query("UPDATE media_attachments SET scheduled_status_id = NULL WHERE scheduled_status_id = ?").run(scheduledId);
}

/** Unlinks every upload from a cancelled scheduled status and sets their updated_at to `at`. */
export function releaseScheduledStatusMedia(db: Database, scheduledId: number, at: number): void {
  db.query("UPDATE media_attachments SET scheduled_status_id = NULL, updated_at = ? WHERE scheduled_status_id = ?").run(at, scheduledId);
}
