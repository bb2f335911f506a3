/**
 * Asking staff to review new trends (Mastodon's Trends.request_review! and AdminMailer#new_trends):
 * after each refresh, unreviewed items that score above the reviewed ones in their language are
 * mailed once to every staff member whose role may manage taxonomies. Nothing is asked when
 * trends are off or shown without review; without SMTP the items are only marked as asked.
 */
import type { AppContext } from "../../context";
import { loadAccountRows } from "../../db/views/accounts";
import { listPreviewCardsByIds } from "../../db/queries/preview-cards";
import { loadStatusRows } from "../../db/views/statuses";
import { listTagsByIds } from "../../db/queries/tags";
import {
  getTrendsAutoApprove,
  getTrendsEnabled,
  insertReviewRequest,
  listAllTrends,
  reviewRequestedItems,
  type TrendKind,
  type TrendRow,
} from "../../db/queries/trends";
import { getUserByAccountId, listActiveStaffAccountIds } from "../../db/queries/users";
import { transaction } from "../../db/transaction";
import { newTrendsMail } from "../../mail/messages";
import { rolesWith } from "../../model/permissions";
import { mailableUser, mailBase, mailEnabled, queueMail } from "../mail/queue";

/** Mastodon's review_threshold: an item must beat the reviewed ones among the top three of its language. */
export const REVIEW_THRESHOLD = 3;

/**
 * The rows of one kind that call for a review request: not reviewed, not asked about before,
 * and scoring above the lowest approved item among the top REVIEW_THRESHOLD of their language
 * (0 when none is approved there).
 */
export function itemsNeedingReview(rows: readonly TrendRow[], requested: ReadonlySet<string>): TrendRow[] {
  const byLanguage = new Map<string, TrendRow[]>();
  for (const r of rows) {
    const key = r.language ?? "";
    byLanguage.set(key, [...(byLanguage.get(key) ?? []), r]);
  }
  const out: TrendRow[] = [];
  for (const group of byLanguage.values()) {
    const ranked = [...group].sort((a, b) => b.score - a.score || b.id - a.id);
    let bar = 0;
    ranked.slice(0, REVIEW_THRESHOLD).forEach((r) => {
      if (r.review === "approved") bar = r.score;
    });
    for (const r of ranked) if (r.review === null && r.score > bar && !requested.has(r.item)) out.push(r);
  }
  return out;
}

const excerpt = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** What the mail says about each item. */
function describe(ctx: AppContext, found: Record<TrendKind, TrendRow[]>) {
  const ids = (k: TrendKind) => found[k].map((r) => Number(r.item));
  const tags = listTagsByIds(ctx.db, ids("tag")).map((t) => t.name);
  const links = listPreviewCardsByIds(ctx.db, ids("link")).map((c) => (c.title ? `${c.title} (${c.url})` : c.url));
  const rows = loadStatusRows(ctx, ids("status"));
  const authors = loadAccountRows(ctx, [...new Set([...rows.values()].map((s) => s.account_id))]);
  const statuses = ids("status").flatMap((id) => {
    const s = rows.get(id);
    const a = s ? authors.get(s.account_id) : null;
    if (!s || !a) return [];
    return [`@${a.domain ? `${a.username}@${a.domain}` : a.username}: ${excerpt(s.text || s.spoiler_text || s.uri)}`];
  });
  return { tags, links, statuses };
}

/**
 * Marks the trends that now need a review as asked about and mails the staff who may review
 * them (one `mail.send` job each, in the same transaction). Returns how many items were new.
 */
export function requestTrendsReview(ctx: AppContext): number {
  return transaction(ctx.db, () => {
    if (!getTrendsEnabled(ctx.db) || getTrendsAutoApprove(ctx.db)) return 0;
    const found: Record<TrendKind, TrendRow[]> = { tag: [], link: [], status: [] };
    for (const kind of ["tag", "link", "status"] as const) {
      const rows = listAllTrends(ctx.db, kind);
      found[kind] = itemsNeedingReview(
        rows,
        reviewRequestedItems(
          ctx.db,
          kind,
          rows.map((r) => r.item),
        ),
      );
      for (const r of found[kind]) insertReviewRequest(ctx.db, kind, r.item, ctx.now());
    }
    const total = found.tag.length + found.link.length + found.status.length;
    if (total === 0 || !mailEnabled(ctx)) return total;
    const items = describe(ctx, found);
    for (const accountId of listActiveStaffAccountIds(ctx.db, rolesWith("manage_taxonomies"))) {
      const user = getUserByAccountId(ctx.db, accountId);
      const u = user ? mailableUser(ctx, user.id) : null;
      if (u) queueMail(ctx, newTrendsMail({ ...mailBase(ctx, u), ...items, link: ctx.uris.url("/admin/trends") }));
    }
    return total;
  });
}
