/** GET /api/v2/notifications/:group_key/accounts: everyone behind a group, newest first. */
import type { Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { groupMembers } from "../../../db/queries/notification-groups";
import { loadAccountViews } from "../../../db/views/accounts";
import { groupKeyParam } from "./params";

/**
 * Registers the group's accounts (40 by default, at most 80), paged by notification id with
 * max_id / since_id; an unknown key is an empty list, as in Mastodon.
 */
export default function register(r: Router): void {
  r.get("/api/v2/notifications/:group_key/accounts", { scopes: ["read:notifications"] }, (q) => {
    const page = readPage(q.input, 40, 80);
    const members = groupMembers(q.ctx, q.auth.accountId, groupKeyParam(q.params.group_key), page);
    // rel="next" only when the page was full (Mastodon's records_continue?).
    setLinkHeader(q, members[0]?.id, members[members.length - 1]?.id, { next: members.length === page.limit });
    const views = loadAccountViews(
      q.ctx,
      members.map((m) => m.from_account_id),
    );
    return members.map((m) => views.get(m.from_account_id)).filter((a): a is Record<string, unknown> => !!a);
  });
}
