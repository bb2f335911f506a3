/** Looks up media the caller may manage: their own and not yet attached to a status (as Mastodon). */
import type { AppContext } from "../../context";
import { getOwnUnattachedMedia } from "../../db/queries/media-attachments";
import type { MediaRow } from "../../db/rows";
import { notFound } from "../../model/errors";
import { parseId } from "../../model/ids";

/** The caller's unattached media row, or a 404 "Record not found". */
export function findOwnUnattachedMedia(ctx: AppContext, accountId: number, rawId: unknown): MediaRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getOwnUnattachedMedia(ctx.db, id, accountId);
  if (!row) throw notFound();
  return row;
}
