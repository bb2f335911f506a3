/** GET /api/v2/notifications/:group_key/accounts: everyone behind a group, newest first. */
import type { Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { groupMembers } from "../../../db/queries/notification-groups";
import { loadAccountViews } from "../../../db/views/accounts";
import { groupKeyParam } from "./params";
import { pageLinks } from "./links";

/**
 * Registers the group's accounts (40 by default, at most 80), paged by notification id with
 * max_id / since_id; an unknown key is an empty list, as in Mastodon.
 */
export default function accounts(r: Router): void {
  r.get("/api/v2/notifications/:group_key/accounts", { scopes: ["read:notifications"] }, (q) => {
    const page = readPage(q.input, 40, 80);
    const members = groupMembers(q.ctx, q.auth.accountId, groupKeyParam(q.params.group_key), page);
    const link = pageLinks(q.url, q.ctx.uris.base, members.map((m) => m.id), members.length === page.limit);
    if (link) q.set.headers.Link = link;
    const views = loadAccountViews(q.ctx, members.map((m) => m.from_account_id));
    return members.map((m) => views.get(m.from_account_id)).filter((a): a is Record<string, unknown> => !!a);
  });
}
