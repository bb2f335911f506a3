/** Full-text status search (Mastodon's StatusesSearchService) over the FTS5 index; it first folds in the queue of new statuses (migration 0039), its only write. */
import type { AppContext } from "../../context";
import { searchStatusIds } from "../../db/queries/status-search";
import { indexQueuedStatuses } from "../../db/queries/search-index";
import { ApiError } from "../../model/errors";
import { parseSearchQuery, SearchSyntaxError } from "../../text/search-query";
import { findByHandle, parseAcct } from "../accounts/find";

/** A status search as the API asks for it. */
export interface StatusSearch {
  q: string;
  viewerId: number | null;
  accountId?: number;
  minId?: number;
  maxId?: number;
  limit: number;
  offset: number;
}

/**
 * Ids of the statuses `viewerId` finds with query `q`, best first. A malformed operator value
 * (a date that is not YYYY-MM-DD) is a 422; unknown operators are words.
 */
export function searchStatuses(ctx: AppContext, s: StatusSearch): number[] {
  let query;
  try {
    query = parseSearchQuery(s.q);
  } catch (e) {
    if (e instanceof SearchSyntaxError) throw new ApiError(422, e.message);
    throw e;
  }
  // Statuses posted since the queue was last folded in are found too (migration 0039).
  indexQueuedStatuses(ctx.db);
  const from = query.from.map((f) => {
    if (f.value.toLowerCase() === "me") return { id: s.viewerId ?? -1, negated: f.negated };
    const { username, domain } = parseAcct(ctx, f.value);
    return { id: findByHandle(ctx, username, domain)?.id ?? -1, negated: f.negated };
  });
  return searchStatusIds(
    ctx,
    {
      query,
      viewerId: s.viewerId,
      from,
      accountId: s.accountId,
      minId: s.minId,
      maxId: s.maxId,
      limit: s.limit,
      offset: s.offset,
    },
    ctx.now(),
  );
}
