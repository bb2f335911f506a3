/** CustomFilterStatus create / destroy (the /api/v2/filters status sub-resource). */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { canViewStatus } from "../../db/queries/visibility";
import { parseId } from "../../model/ids";
import type { FilterStatusRow } from "../../serializers/mastodon/filter";
import { commitFilters, Errors, ownedFilter, ownedFilterStatus } from "./common";

/**
 * Adds a status the account may see to its filter: 404 for someone else's filter, 422 for a
 * missing, unknown or invisible status or one already in the filter. Enqueues filters_changed.
 */
export function addFilterStatus(ctx: AppContext, accountId: number, rawFilterId: unknown, rawStatusId: string | undefined): FilterStatusRow {
  const f = ownedFilter(ctx, accountId, rawFilterId);
  const e = new Errors();
  const statusId = parseId(rawStatusId);
  const status = statusId === undefined ? null : ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(statusId);
  if (!status || !canViewStatus(ctx, status, accountId)) e.add("Status must exist");
  else if (ctx.db.query("SELECT 1 FROM custom_filter_statuses WHERE custom_filter_id = ? AND status_id = ?").get(f.id, status.id)) e.add("Status has already been taken");
  e.check();
  return commitFilters(ctx, accountId, () => {
    const id = ctx.ids.next();
    const now = ctx.now();
    ctx.db.query("INSERT INTO custom_filter_statuses (id, custom_filter_id, status_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").run(id, f.id, status!.id, now, now);
    return ctx.db.query<FilterStatusRow, [number]>("SELECT * FROM custom_filter_statuses WHERE id = ?").get(id)!;
  });
}

/** Removes a status filter of one of the account's filters. 404. Enqueues filters_changed. */
export function removeFilterStatus(ctx: AppContext, accountId: number, rawId: unknown): void {
  const row = ownedFilterStatus(ctx, accountId, rawId);
  commitFilters(ctx, accountId, () => {
    ctx.db.query("DELETE FROM custom_filter_statuses WHERE id = ?").run(row.id);
  });
}
