/** GET /api/v1/accounts/:id/statuses: an account's posts as the viewer may see them (AccountStatusesFilter). */
import { accountTimelineIds } from "../../../db/queries/account-timeline";
import { blockedEitherWay, follows } from "../../../db/queries/visibility";
import { statusList } from "../../../db/views/statuses";
import { bool, str } from "../../../http/params";
import { readPage, setLinkHeader } from "../../../http/pagination";
import type { Req, Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { normalizeTag } from "../../../text/format";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/accounts/:id/statuses", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const ctx = q.ctx;
    // A suspended account answers an empty list (Mastodon's AccountStatusesController), not 404.
    const account = findAccount(ctx, q.params.id, { suspended: true });
    if (account.suspended_at !== null) return [];
    const viewer = q.auth?.accountId ?? null;
    const page = readPage(q.input, 20, 40);
    const pinned = bool(q.input, "pinned");
    const excludeReplies = bool(q.input, "exclude_replies");
    const excludeReblogs = bool(q.input, "exclude_reblogs");
    const onlyMedia = bool(q.input, "only_media");
    const excludeSensitive = bool(q.input, "exclude_sensitive");
    const tagged = str(q.input, "tagged", { max: 200 });
    if (viewer !== null && viewer !== account.id && blockedEitherWay(ctx, viewer, account.id)) return [];
    // Whether the viewer follows only matters to someone other than the author.
    const viewerFollows = viewer !== null && viewer !== account.id && follows(ctx, viewer, account.id);
    const ids = accountTimelineIds(
      ctx.db,
      {
        accountId: account.id,
        viewerId: viewer,
        viewerFollows,
        pinned,
        excludeReplies,
        excludeReblogs,
        onlyMedia,
        excludeSensitive,
        tag: tagged ? normalizeTag(tagged.replace(/^#/, "")) : undefined,
      },
      page,
    );
    setLinkHeader(q, ids[0], ids[ids.length - 1]);
    return statusList(ctx, ids, viewer);
  });
}
