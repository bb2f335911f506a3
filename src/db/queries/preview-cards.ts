/** Named queries on `preview_cards` and `preview_cards_statuses`. */
import type { Database } from "bun:sqlite";
import type { AccountRow } from "../rows";
import { selectIn } from "../sql";

/** A stored preview card (see migrations/0032_preview_cards.sql). */
export interface PreviewCardRow {
  id: number;
  url: string;
  title: string;
  description: string;
  type: string;
  author_name: string;
  author_url: string;
  author_account_id: number | null;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
  image_path: string | null;
  image_remote_url: string | null;
  image_description: string;
  blurhash: string | null;
  embed_url: string;
  language: string | null;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The columns a fetch writes (everything but id and the timestamps). */
export type PreviewCardFields = Omit<PreviewCardRow, "id" | "url" | "created_at" | "updated_at">;

/** The card of `url`, or null. */
export function getPreviewCardByUrl(db: Database, url: string): PreviewCardRow | null {
  return db.query<PreviewCardRow, [string]>("SELECT * FROM preview_cards WHERE url = ?").get(url);
}

/** Inserts or refreshes the card of `url` and returns its id. */
export function upsertPreviewCard(db: Database, id: number, url: string, f: PreviewCardFields, now: number): number {
  const cols = Object.keys(f) as (keyof PreviewCardFields)[];
  const row = db
    .query<{ id: number }, any[]>(
      `INSERT INTO preview_cards (id, url, ${cols.join(", ")}, created_at, updated_at)
       VALUES (?, ?, ${cols.map(() => "?").join(", ")}, ?, ?)
       ON CONFLICT (url) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = excluded.updated_at
       RETURNING id`,
    )
    .get(id, url, ...cols.map((c) => f[c]), now, now)!;
  return row.id;
}

/** The card id of status `statusId`, or null. */
export function getStatusCardId(db: Database, statusId: number): number | null {
  return (
    db.query<{ id: number }, [number]>("SELECT preview_card_id AS id FROM preview_cards_statuses WHERE status_id = ?").get(statusId)?.id ??
    null
  );
}

/** Links status `statusId` to card `cardId` unless it already has one; true when linked. */
export function attachPreviewCard(db: Database, statusId: number, cardId: number, url: string): boolean {
  return (
    db
      .query("INSERT INTO preview_cards_statuses (status_id, preview_card_id, url) VALUES (?, ?, ?) ON CONFLICT (status_id) DO NOTHING")
      .run(statusId, cardId, url).changes > 0
  );
}

/** Removes the card of status `statusId` (its text changed). */
export function detachPreviewCard(db: Database, statusId: number): void {
  db.query("DELETE FROM preview_cards_statuses WHERE status_id = ?").run(statusId);
}

/** The cards of statuses `statusIds`, with the status they belong to. */
export function listPreviewCardsOfStatuses(db: Database, statusIds: readonly number[]): (PreviewCardRow & { status_id: number })[] {
  return selectIn<PreviewCardRow & { status_id: number }>(
    db,
    (ph) =>
      `SELECT pcs.status_id, pc.* FROM preview_cards_statuses pcs JOIN preview_cards pc ON pc.id = pcs.preview_card_id WHERE pcs.status_id IN (${ph})`,
    statusIds,
  );
}

/** The accounts mentioned by status `statusId` (their URLs are never made into cards). */
export function listMentionedAccounts(db: Database, statusId: number): AccountRow[] {
  return db
    .query<AccountRow, [number]>("SELECT a.* FROM mentions m JOIN accounts a ON a.id = m.account_id WHERE m.status_id = ?")
    .all(statusId);
}

/**
 * Stores card `id`'s thumbnail; a link card takes the image's size (a player keeps its own).
 * Returns the previous image path.
 */
export function setPreviewCardImage(
  db: Database,
  id: number,
  path: string,
  blurhash: string,
  width: number,
  height: number,
): string | null {
  const old = db.query<{ image_path: string | null }, [number]>("SELECT image_path FROM preview_cards WHERE id = ?").get(id);
  db.query(
    `UPDATE preview_cards SET image_path = ?, blurhash = ?,
       width = CASE WHEN type = 'link' THEN ? ELSE width END, height = CASE WHEN type = 'link' THEN ? ELSE height END WHERE id = ?`,
  ).run(path, blurhash, width, height, id);
  return old?.image_path ?? null;
}

/** The cards with `ids`, in no particular order (link trends). */
export function listPreviewCardsByIds(db: Database, ids: readonly number[]): PreviewCardRow[] {
  return selectIn<PreviewCardRow>(db, (ph) => `SELECT * FROM preview_cards WHERE id IN (${ph})`, ids);
}
