/** Loading the status a statuses endpoint acts on (the original of a boost, the target of an "un-" action) and answering it as a Status. */
import type { AppContext } from "../../../context";
import { hasBookmark } from "../../../db/queries/bookmarks";
import { hasFavourite } from "../../../db/queries/favourites";
import { getReblogIdOf } from "../../../db/queries/statuses";
import { loadStatusViews } from "../../../db/views/statuses";
import type { StatusRow } from "../../../db/rows";
import { notFound } from "../../../model/errors";
import { parseId } from "../../../model/ids";
import { findVisibleStatus, statusRow } from "../../../services/statuses/common";

/** One serialized Status as `viewerId` sees it; 404 when it vanished. */
export function statusView(ctx: AppContext, id: number, viewerId: number | null): Record<string, unknown> {
  const v = loadStatusViews(ctx, [id], viewerId).get(id);
  if (!v) throw notFound();
  return v;
}

/** A boost stands for the status it boosts. */
export function original(ctx: AppContext, s: StatusRow): StatusRow {
  return s.reblog_of_id === null ? s : statusRow(ctx, s.reblog_of_id);
}

/**
 * The target of an "un-" action: a status the actor already acted on (even if no longer
 * visible, as Mastodon allows), else the visible status; 404 otherwise.
 */
export function undoTarget(
  ctx: AppContext,
  rawId: string | undefined,
  accountId: number,
  table: "favourites" | "bookmarks" | "reblogs",
): StatusRow {
  const id = parseId(rawId);
  if (id !== undefined) {
    const done =
      table === "reblogs"
        ? getReblogIdOf(ctx.db, accountId, id) !== null
        : table === "favourites"
          ? hasFavourite(ctx.db, accountId, id)
          : hasBookmark(ctx.db, accountId, id);
    if (done) return statusRow(ctx, id);
  }
  return original(ctx, findVisibleStatus(ctx, rawId, accountId));
}
