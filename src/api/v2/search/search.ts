/** GET /api/v2/search: accounts, hashtags and statuses (full-text, Mastodon's operators) the viewer may find. */
import type { AppContext } from "../../../context";
import { loadAccountViews } from "../../../db/views/accounts";
import { statusList } from "../../../db/views/statuses";
import { ApiError } from "../../../model/errors";
import { bool, int, str } from "../../../http/params";
import type { Req, Router } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { searchAccounts } from "../../../services/accounts/search";
import { normalizeTag } from "../../../text/format";
import { resolveQuery } from "../../../services/federation/resolve-url";
import { canViewStatus } from "../../../db/queries/visibility";
import { searchStatuses as searchStatusIds } from "../../../services/search/statuses";
import { searchTagsByPrefix } from "../../../db/queries/tags";
import { tagsJson } from "../../v1/tags/tag-json";

function searchTags(ctx: AppContext, q: string, limit: number, offset: number, viewer: number | null): Record<string, unknown>[] {
  const name = normalizeTag(q.trim().replace(/^#/, ""));
  if (!name || /\s/.test(name)) return [];
  return tagsJson(ctx, searchTagsByPrefix(ctx.db, name, limit, offset), viewer);
}

/** Mastodon skips the full-text search for a lone handle or hashtag (`@user@host`, `#tag`). */
function fullTextSearchable(q: string): boolean {
  const text = q.trim();
  return !((text.startsWith("#") || text.includes("@")) && !text.includes(" "));
}

export default function register(r: Router): void {
  r.get<Req>("/api/v2/search", { auth: "optional", scopes: ["read:search"] }, async (q) => {
    const text = str(q.input, "q", { max: 500 });
    if (text === undefined || text.trim() === "") throw new ApiError(400, "Missing parameter: q");
    const type = str(q.input, "type");
    const limit = Math.min(int(q.input, "limit", { min: 1 }) ?? 20, 40);
    const offset = int(q.input, "offset", { min: 0 });
    const resolve = bool(q.input, "resolve") ?? false;
    const following = bool(q.input, "following") ?? false;
    const accountId = q.input.account_id !== undefined ? (parseId(q.input.account_id) ?? -1) : undefined;
    const viewer = q.auth?.accountId ?? null;
    if (viewer === null && offset) throw new ApiError(401, "Search queries pagination is not supported without authentication");
    if (viewer === null && resolve)
      throw new ApiError(401, "Search queries that resolve remote resources are not supported without authentication");
    const want = (t: string) => type === undefined || type === "" || type === t;
    // resolve=true: a handle or URL is looked up remotely first (federation).
    const found = resolve && !offset ? await resolveQuery(q.ctx, text) : { account: null, status: null };
    let accounts: Record<string, unknown>[] = [];
    if (want("accounts")) {
      const ids = searchAccounts(q.ctx, { q: text, limit, offset, following, viewerId: viewer });
      if (found.account && found.account.suspended_at === null && !ids.includes(found.account.id)) ids.unshift(found.account.id);
      const views = loadAccountViews(q.ctx, ids);
      accounts = ids.map((id) => views.get(id)!).filter((v) => !!v);
    }
    const hashtags = want("hashtags") ? searchTags(q.ctx, text, limit, offset ?? 0, viewer) : [];
    const minId = q.input.min_id !== undefined ? parseId(q.input.min_id) : undefined;
    const maxId = q.input.max_id !== undefined ? parseId(q.input.max_id) : undefined;
    let statuses =
      want("statuses") && fullTextSearchable(text)
        ? statusList(
            q.ctx,
            searchStatusIds(q.ctx, { q: text, viewerId: viewer, accountId, minId, maxId, limit, offset: offset ?? 0 }),
            viewer,
          )
        : [];
    if (want("statuses") && found.status && canViewStatus(q.ctx, found.status, viewer)) {
      statuses = [...statusList(q.ctx, [found.status.id], viewer), ...statuses.filter((x) => x.id !== String(found.status!.id))];
    }
    return { accounts, statuses, hashtags };
  });
}
