/** GET /api/v1/accounts/:id/statuses: an account's posts as the viewer may see them (AccountStatusesFilter). */
import { blockedEitherWay, follows } from "../../../db/queries/visibility";
import { statusList } from "../../../db/views/statuses";
import { bool, str } from "../../../http/params";
import { linkHeader, pageSql, readPage } from "../../../http/pagination";
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

    const where: string[] = ["s.account_id = ?"];
    const args: (number | string)[] = [account.id];
    if (viewer === account.id) {
      // the author sees everything
    } else if (viewer === null) {
      where.push("s.visibility IN (0, 1)");
    } else {
      const vis = follows(ctx, viewer, account.id) ? "(0, 1, 2)" : "(0, 1)";
      where.push(`(s.visibility IN ${vis} OR EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id = ?))`);
      args.push(viewer);
      // boosts of accounts the viewer blocks are left out, as Mastodon does
      where.push("(s.reblog_of_id IS NULL OR (SELECT o.account_id FROM statuses o WHERE o.id = s.reblog_of_id) NOT IN (SELECT target_account_id FROM blocks WHERE account_id = ?))");
      args.push(viewer);
    }
    if (pinned) where.push("EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id AND p.account_id = s.account_id)");
    if (excludeReplies) { where.push("(s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = ?)"); args.push(account.id); }
    if (excludeReblogs || onlyMedia || pinned || tagged) where.push("s.reblog_of_id IS NULL");
    if (onlyMedia) where.push("EXISTS (SELECT 1 FROM media_attachments ma WHERE ma.status_id = s.id)");
    if (excludeSensitive) where.push("s.sensitive = 0");
    if (tagged) {
      where.push("EXISTS (SELECT 1 FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = s.id AND t.name = ?)");
      args.push(normalizeTag(tagged.replace(/^#/, "")));
    }
    const p = pageSql(page, "s.id");
    const ids = p.finish(
      ctx.db.query<{ id: number }, any[]>(`SELECT s.id FROM statuses s WHERE ${where.join(" AND ")}${p.where} ORDER BY ${p.order} LIMIT ?`).all(...args, ...p.args, page.limit),
    ).map((x) => x.id);
    const link = linkHeader(q.url, ctx.uris.base, ids[0], ids[ids.length - 1]);
    if (link) q.set.headers.Link = link;
    return statusList(ctx, ids, viewer);
  });
}
