/** Looks up media the caller may manage: their own and not yet attached to a status (as Mastodon). */
import type { AppContext } from "../../context";
import type { MediaRow } from "../../db/rows";
import { notFound } from "../../model/errors";
import { parseId } from "../../model/ids";

/** The caller's unattached media row, or a 404 "Record not found". */
export function findOwnUnattachedMedia(ctx: AppContext, accountId: number, rawId: unknown): MediaRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : ctx.db
    .query<MediaRow, [number, number]>("SELECT * FROM media_attachments WHERE id = ? AND account_id = ? AND status_id IS NULL")
    .get(id, accountId);
  if (!row) throw notFound();
  return row;
}
