/** Helpers shared by the statuses endpoints. */
import type { AppContext } from "../../../context";
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
export function undoTarget(ctx: AppContext, rawId: string | undefined, accountId: number, table: "favourites" | "bookmarks" | "reblogs"): StatusRow {
  const id = parseId(rawId);
  if (id !== undefined) {
    const sql = table === "reblogs" ? "SELECT 1 FROM statuses WHERE account_id = ? AND reblog_of_id = ?" : `SELECT 1 FROM ${table} WHERE account_id = ? AND status_id = ?`;
    if (ctx.db.query(sql).get(accountId, id)) return statusRow(ctx, id);
  }
  return original(ctx, findVisibleStatus(ctx, rawId, accountId));
}
