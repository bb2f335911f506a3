/**
 * Per-event viewer checks for streamed statuses, batched over every connected viewer in a
 * fixed number of queries: who must not see the status (the visibility rule of
 * model/visibility.ts, plus the blocks and mutes Mastodon's streaming server applies), and whose
 * view of it differs.
 */
import type { AppContext } from "../context";
import type { StatusRow } from "../db/rows";
import { listBlocksBy, listBlocksTargeting } from "../db/queries/blocks";
import { domainBlockersAmong } from "../db/queries/account-domain-blocks";
import { bookmarkersAmong } from "../db/queries/bookmarks";
import { conversationMutersAmong } from "../db/queries/conversation-mutes";
import { listFavouriterIds } from "../db/queries/favourites";
import { listFollowerAccountIds } from "../db/queries/follows";
import { listMentionedAccountIds } from "../db/queries/mentions";
import { mutersAmong } from "../db/queries/mutes";
import { pollVotersAmong } from "../db/queries/poll-votes";
import { pinnersAmong } from "../db/queries/status-pins";
import { listReblogAccountIdsOf } from "../db/queries/statuses";
import { ANONYMOUS, mayViewStatus, PRIVATE } from "../model/visibility";

/** An author of the streamed status (or of the status it boosts), as the filter needs it. */
export interface StreamAuthor {
  id: number;
  suspended_at: number | null;
}

const NONE: ReadonlySet<number> = new Set();

/**
 * Viewers (of `viewerIds`; `null` stands for logged-out connections) that must not get status
 * `s`: those mayViewStatus refuses, and, as Mastodon's streaming server does for every
 * `update`, those who block or mute an involved account (author, boosted author, mentions), hide
 * an author's domain, or whom an author blocks; that second part never hides an author.
 */
export function hiddenViewers(
  ctx: AppContext,
  s: StatusRow,
  viewerIds: number[],
  involved: number[],
  authors: StreamAuthor[],
): Set<number | null> {
  const hidden = new Set<number | null>();
  const author = authors.find((a) => a.id === s.account_id);
  const authorSuspended = !author || author.suspended_at !== null;
  if (!mayViewStatus(s.visibility, { ...ANONYMOUS, authorSuspended })) hidden.add(null);
  if (viewerIds.length === 0) return hidden;
  const viewers = new Set(viewerIds);
  // Blocks are probed from the few involved accounts (blocks_target, and the (account_id,
  // target_account_id) key) and intersected here: a status often goes to thousands of viewers.
  const blocksAuthor = new Set<number>();
  for (const r of listBlocksTargeting(ctx.db, involved)) {
    if (!viewers.has(r.account_id)) continue;
    hidden.add(r.account_id);
    if (r.target_account_id === s.account_id) blocksAuthor.add(r.account_id);
  }
  for (const r of listBlocksBy(
    ctx.db,
    authors.map((a) => a.id),
  )) {
    if (!viewers.has(r.target_account_id)) continue;
    hidden.add(r.target_account_id);
    if (r.account_id === s.account_id) blocksAuthor.add(r.target_account_id);
  }
  for (const id of mutersAmong(ctx.db, viewerIds, involved, ctx.now())) hidden.add(id);
  for (const id of domainBlockersAmong(
    ctx.db,
    viewerIds,
    authors.map((a) => a.id),
  ))
    hidden.add(id);
  for (const a of authors) hidden.delete(a.id);
  // The rule itself: mentions and follows matter only for private and direct statuses.
  const mentioned = s.visibility >= PRIVATE ? new Set(listMentionedAccountIds(ctx.db, s.id)) : NONE;
  const following = s.visibility === PRIVATE ? new Set(listFollowerAccountIds(ctx.db, s.account_id)) : NONE;
  for (const v of viewerIds) {
    const relation = {
      anonymous: false,
      isAuthor: v === s.account_id,
      authorSuspended,
      blocked: blocksAuthor.has(v),
      mentioned: mentioned.has(v),
      following: following.has(v),
    };
    if (!mayViewStatus(s.visibility, relation)) hidden.add(v);
  }
  return hidden;
}

/**
 * Viewers whose Status entity differs from a stranger's: they favourited, boosted,
 * bookmarked or pinned it, muted its conversation or voted in its poll. Everyone else
 * shares one serialization.
 */
export function interactedViewers(ctx: AppContext, rows: StatusRow[], viewerIds: number[]): Set<number> {
  const out = new Set<number>();
  if (viewerIds.length === 0) return out;
  const sids = rows.map((r) => r.id);
  const convs = rows.map((r) => r.conversation_id).filter((x): x is number => x !== null);
  const polls = rows.map((r) => r.poll_id).filter((x): x is number => x !== null);
  // Favourites and boosts are indexed by status: read them all and intersect here.
  const viewers = new Set(viewerIds);
  for (const id of [...listFavouriterIds(ctx.db, sids), ...listReblogAccountIdsOf(ctx.db, sids)]) if (viewers.has(id)) out.add(id);
  for (const set of [
    bookmarkersAmong(ctx.db, sids, viewerIds),
    pinnersAmong(ctx.db, sids, viewerIds),
    conversationMutersAmong(ctx.db, convs, viewerIds),
    pollVotersAmong(ctx.db, polls, viewerIds),
  ])
    for (const id of set) out.add(id);
  return out;
}
