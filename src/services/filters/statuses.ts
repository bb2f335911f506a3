/** CustomFilterStatus create / destroy (the /api/v2/filters status sub-resource). */
import type { AppContext } from "../../context";
import { filterHasStatus, getFilterStatus, insertFilterStatus, deleteFilterStatus } from "../../db/queries/custom-filter-statuses";
import { getStatus } from "../../db/queries/statuses";
import { canViewStatus } from "../../db/queries/visibility";
import { parseId } from "../../model/ids";
import type { FilterStatusRow } from "../../serializers/mastodon/filter";
import { commitFilters, Errors, ownedFilter, ownedFilterStatus } from "./common";

/**
 * Adds a status the account may see to its filter: 404 for someone else's filter, 422 for a
 * missing, unknown or invisible status or one already in the filter. Enqueues filters_changed.
 */
export function addFilterStatus(
  ctx: AppContext,
  accountId: number,
  rawFilterId: unknown,
  rawStatusId: string | undefined,
): FilterStatusRow {
  const f = ownedFilter(ctx, accountId, rawFilterId);
  const e = new Errors();
  const statusId = parseId(rawStatusId);
  const status = statusId === undefined ? null : getStatus(ctx.db, statusId);
  if (!status || !canViewStatus(ctx, status, accountId)) e.add("Status must exist");
  else if (filterHasStatus(ctx.db, f.id, status.id)) e.add("Status has already been taken");
  e.check();
  return commitFilters(ctx, accountId, () => {
    const id = ctx.ids.next();
    const now = ctx.now();
    insertFilterStatus(ctx.db, { id, custom_filter_id: f.id, status_id: status!.id, created_at: now });
    return getFilterStatus(ctx.db, id)!;
  });
}

/** Removes a status filter of one of the account's filters. 404. Enqueues filters_changed. */
export function removeFilterStatus(ctx: AppContext, accountId: number, rawId: unknown): void {
  const row = ownedFilterStatus(ctx, accountId, rawId);
  commitFilters(ctx, accountId, () => {
    deleteFilterStatus(ctx.db, row.id);
  });
}
