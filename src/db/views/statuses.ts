/**
 * Loads everything the Status serializer needs for a page of statuses in a fixed number of
 * queries: rows, reblogged originals, accounts, mentions, tags, media, apps and viewer flags.
 */
import { emojisOf, loadEmojiMap, type EmojiMap, type EmojiWant } from "./custom-emojis";
import { shortcodesIn } from "../../text/custom-emoji";
import { toMastodonEmoji } from "../../serializers/mastodon/custom-emoji";
import type { AppContext } from "../../context";
import type { AccountRow, MediaRow, StatusRow } from "../rows";
import { pollTitles, type PollRow } from "../../serializers/mastodon/poll";
import { selectIn } from "../sql";
import { accountViewsFromRows, loadAccountRows } from "./accounts";
import { profileUrl } from "../../serializers/mastodon/account";
import { toMastodonMedia } from "../../serializers/mastodon/media";
import { toMastodonMention, toMastodonStatus, type StatusViewData, type StatusViewerFlags } from "../../serializers/mastodon/status";
import { loadFilterResults } from "./filters";
import { statusPolls } from "./polls";
import { loadQuoteFields } from "./quotes";
import { listPreviewCardsOfStatuses, type PreviewCardRow } from "../queries/preview-cards";
import { toMastodonPreviewCard } from "../../serializers/mastodon/preview-card";

/** The public URL of a status. */
export function statusUrl(ctx: AppContext, s: StatusRow, username: string, isLocal: boolean): string {
  return isLocal ? ctx.uris.statusUrl(username, s.id) : s.url || s.uri;
}

/**
 * The viewer's favourites (k 0), boosts (1), bookmarks (2) and pins (3) among statuses ?2, and
 * muted conversations (4) among ?3 (JSON arrays): one statement instead of five. CROSS JOIN
 * keeps the short id list as the outer loop (an index probe per id, however many favourites
 * the viewer has): about twice as fast as `IN (SELECT value FROM json_each(…))`. Exported so
 * tests can EXPLAIN it.
 */
export const VIEWER_FLAGS_SQL = `
  SELECT 0 AS k, x.status_id AS id FROM json_each(?2) j CROSS JOIN favourites x ON x.account_id = ?1 AND x.status_id = j.value
  UNION ALL SELECT 1, x.reblog_of_id FROM json_each(?2) j CROSS JOIN statuses x ON x.reblog_of_id = j.value AND x.account_id = ?1
  UNION ALL SELECT 2, x.status_id FROM json_each(?2) j CROSS JOIN bookmarks x ON x.account_id = ?1 AND x.status_id = j.value
  UNION ALL SELECT 3, x.status_id FROM json_each(?2) j CROSS JOIN status_pins x ON x.account_id = ?1 AND x.status_id = j.value
  UNION ALL SELECT 4, x.conversation_id FROM json_each(?3) j CROSS JOIN conversation_mutes x ON x.account_id = ?1 AND x.conversation_id = j.value`;

/** Status rows by id. */
export function loadStatusRows(ctx: AppContext, ids: readonly number[]): Map<number, StatusRow> {
  return new Map(selectIn<StatusRow>(ctx.db, (ph) => `SELECT * FROM statuses WHERE id IN (${ph})`, ids).map((r) => [r.id, r]));
}

/** What a page of statuses needs apart from viewer flags and polls (see loadStatusData). */
export interface StatusData {
  /** The requested rows. */
  rows: Map<number, StatusRow>;
  /** The requested rows and the originals they reblog. */
  all: Map<number, StatusRow>;
  accountRows: Map<number, AccountRow>;
  accountViews: Map<number, Record<string, unknown>>;
  mentions: { status_id: number; account_id: number }[];
  tags: { status_id: number; name: string; display_name: string }[];
  media: MediaRow[];
  apps: Map<number, { id: number; name: string; website: string | null }>;
  /** Custom emoji the statuses' texts use (see custom-emojis.ts); absent: none. */
  emojis?: EmojiMap;
  /** Preview cards by status id; absent: none. */
  cards?: Map<number, PreviewCardRow>;
  /** Shortcodes used in poll option titles, by status id (they count in Status.emojis); absent: none. */
  pollCodes?: Map<number, string[]>;
}

/** The shortcodes a status's text and content warning use, looked up on its author's domain. */
export function statusEmojiWant(
  s: Pick<StatusRow, "content" | "spoiler_text">,
  domain: string | null,
  pollCodes?: readonly string[],
): EmojiWant {
  const codes = shortcodesIn(s.spoiler_text, s.content);
  return { codes: pollCodes?.length ? [...new Set([...codes, ...pollCodes])] : codes, domain };
}

/**
 * Shortcodes in the option titles of the polls of `rows`, by status id: Mastodon's Status#emojis
 * counts them too. One query, only for statuses that have a poll.
 */
function pollShortcodes(ctx: AppContext, rows: Iterable<StatusRow>): Map<number, string[]> {
  const byPoll = new Map<number, number>();
  for (const r of rows) if (r.poll_id !== null) byPoll.set(r.poll_id, r.id);
  const out = new Map<number, string[]>();
  if (!byPoll.size) return out;
  for (const p of selectIn<PollRow>(ctx.db, (ph) => `SELECT id, options FROM polls WHERE id IN (${ph})`, [...byPoll.keys()])) {
    const codes = shortcodesIn(...pollTitles(p));
    if (codes.length) out.set(byPoll.get(p.id)!, codes);
  }
  return out;
}

/** The CustomEmoji entities of `s` (whose author row is loaded): Status.emojis. */
export function statusEmojis(ctx: AppContext, d: StatusData, s: StatusRow): Record<string, unknown>[] {
  if (!d.emojis?.size) return [];
  const want = statusEmojiWant(s, d.accountRows.get(s.account_id)?.domain ?? null, d.pollCodes?.get(s.id));
  return emojisOf(d.emojis, want).map((e) => toMastodonEmoji(ctx, e));
}

/** Loads rows, reblogged originals, accounts, mentions, tags, media and apps of `ids`. */
export function loadStatusData(ctx: AppContext, ids: readonly number[]): StatusData {
  const db = ctx.db;
  const rows = loadStatusRows(ctx, ids);
  const reblogIds = [...rows.values()].map((r) => r.reblog_of_id).filter((x): x is number => x !== null && !rows.has(x));
  const originals = reblogIds.length ? loadStatusRows(ctx, reblogIds) : new Map<number, StatusRow>();
  const all = new Map([...rows, ...originals]);
  const sids = [...all.keys()];
  if (sids.length === 0)
    return { rows, all, accountRows: new Map(), accountViews: new Map(), mentions: [], tags: [], media: [], apps: new Map() };

  const mentions = selectIn<{ status_id: number; account_id: number }>(
    db,
    (ph) => `SELECT status_id, account_id FROM mentions WHERE status_id IN (${ph}) AND silent = 0 ORDER BY id`,
    sids,
  );
  const cards = new Map(listPreviewCardsOfStatuses(db, sids).map((c) => [c.status_id, c]));
  const accountIds = new Set<number>([...all.values()].map((r) => r.account_id));
  for (const m of mentions) accountIds.add(m.account_id);
  for (const c of cards.values()) if (c.author_account_id !== null) accountIds.add(c.author_account_id);
  const accountRows = loadAccountRows(ctx, [...accountIds]);
  const authorIds = new Set([...all.values()].map((r) => r.account_id));
  for (const c of cards.values()) if (c.author_account_id !== null) authorIds.add(c.author_account_id);
  const accountViews = accountViewsFromRows(ctx, new Map([...accountRows].filter(([id]) => authorIds.has(id))));

  const tags = selectIn<{ status_id: number; name: string; display_name: string }>(
    db,
    (ph) =>
      `SELECT st.status_id, t.name, t.display_name FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id IN (${ph})`,
    sids,
  );
  const media = selectIn<MediaRow>(db, (ph) => `SELECT * FROM media_attachments WHERE status_id IN (${ph})`, sids);
  const appIds = [...new Set([...all.values()].map((r) => r.application_id).filter((x): x is number => x !== null))];
  const apps = new Map(
    selectIn<{ id: number; name: string; website: string | null }>(
      db,
      (ph) => `SELECT id, name, website FROM oauth_applications WHERE id IN (${ph})`,
      appIds,
    ).map((a) => [a.id, a]),
  );
  const pollCodes = pollShortcodes(ctx, all.values());
  const emojis = loadEmojiMap(
    ctx,
    [...all.values()].map((r) => statusEmojiWant(r, accountRows.get(r.account_id)?.domain ?? null, pollCodes.get(r.id))),
  );
  return { rows, all, accountRows, accountViews, mentions, tags, media, apps, emojis, cards, pollCodes };
}

/** The viewer-independent part of one status's view data (no reblog, poll or viewer flags). */
export function baseViewData(ctx: AppContext, d: StatusData, s: StatusRow): StatusViewData {
  const author = d.accountRows.get(s.account_id)!;
  const order: number[] = (() => {
    try {
      return JSON.parse(s.media_ids);
    } catch {
      return [];
    }
  })();
  const ms = d.media
    .filter((m) => m.status_id === s.id)
    .sort((a, b) => (order.indexOf(a.id) + 1 || 1e9) - (order.indexOf(b.id) + 1 || 1e9) || a.id - b.id);
  const app = s.application_id !== null && author.domain === null ? d.apps.get(s.application_id) : undefined;
  return {
    row: s,
    account: d.accountViews.get(s.account_id)!,
    url: statusUrl(ctx, s, author.username, author.domain === null),
    mentions: d.mentions
      .filter((m) => m.status_id === s.id)
      .map((m) => d.accountRows.get(m.account_id))
      .filter((a) => !!a)
      .map((a) => toMastodonMention(a!, profileUrl(ctx, a!))),
    tags: d.tags.filter((t) => t.status_id === s.id).map((t) => ({ name: t.name, url: ctx.uris.tag(t.name) })),
    media: ms.map((m) => toMastodonMedia(ctx, m)),
    application: app ? { name: app.name, website: app.website } : null,
    poll: null,
    reblog: null,
    authorSensitized: (author.sensitized_at ?? null) !== null,
    card: cardOf(ctx, d, s.id),
  };
}

/** The PreviewCard of status `id` (null: none), naming its `fediverse:creator` account when that is loaded. */
export function cardOf(ctx: AppContext, d: StatusData, id: number): Record<string, unknown> | null {
  const c = d.cards?.get(id);
  if (!c) return null;
  return toMastodonPreviewCard(ctx, c, c.author_account_id !== null ? (d.accountViews.get(c.author_account_id) ?? null) : null);
}

/** The viewer's favourites, boosts, bookmarks and pins among `statuses`, and muted conversations. */
export interface ViewerSets {
  fav: Set<number>;
  rebl: Set<number>;
  bm: Set<number>;
  pin: Set<number>;
  muted: Set<number>;
}

/** Loads ViewerSets for `statuses` (one query). */
export function loadViewerSets(ctx: AppContext, statuses: readonly StatusRow[], viewerId: number): ViewerSets {
  const v: ViewerSets = { fav: new Set(), rebl: new Set(), bm: new Set(), pin: new Set(), muted: new Set() };
  const convIds = [...new Set(statuses.map((r) => r.conversation_id).filter((x): x is number => x !== null))];
  const flags = [v.fav, v.rebl, v.bm, v.pin, v.muted];
  const sids = JSON.stringify(statuses.map((r) => r.id));
  for (const r of ctx.db
    .query<{ k: number; id: number }, [number, string, string]>(VIEWER_FLAGS_SQL)
    .all(viewerId, sids, JSON.stringify(convIds)))
    flags[r.k]!.add(r.id);
  return v;
}

/** The viewer flags of status `s` (a reblog's refer to the original). */
export function viewerFlags(s: StatusRow, viewerId: number, v: ViewerSets): StatusViewerFlags {
  const target = s.reblog_of_id ?? s.id;
  return {
    favourited: v.fav.has(target),
    reblogged: v.rebl.has(target),
    bookmarked: v.bm.has(target),
    muted: s.conversation_id !== null && v.muted.has(s.conversation_id),
    pinned: s.account_id === viewerId && s.reblog_of_id === null && s.visibility <= 2 ? v.pin.has(s.id) : undefined,
  };
}

/** The media descriptions of status `statusId` among `media` (what keyword filters also match). */
export function mediaDescriptions(media: readonly MediaRow[], statusId: number): string[] {
  return media.filter((m) => m.status_id === statusId && m.description).map((m) => m.description!);
}

/** Serialized Polls by status id for the statuses among `statuses` that carry one. */
export function loadStatusPolls(ctx: AppContext, statuses: StatusRow[], viewerId: number | null): Map<number, Record<string, unknown>> {
  return statusPolls(ctx, statuses, viewerId);
}

/**
 * Serialized Mastodon Statuses by id, as seen by `viewerId` (null: logged out). Missing ids are
 * skipped. `shallow`: their quotes are ShallowQuotes (a status shown inside a quote).
 */
export function loadStatusViews(
  ctx: AppContext,
  ids: readonly number[],
  viewerId: number | null,
  shallow = false,
): Map<number, Record<string, unknown>> {
  const d = loadStatusData(ctx, ids);
  if (d.all.size === 0) return new Map();
  const all = [...d.all.values()];
  const sets = viewerId !== null ? loadViewerSets(ctx, all, viewerId) : null;
  const polls = loadStatusPolls(ctx, all, viewerId);
  const filtered =
    viewerId !== null ? loadFilterResults(ctx, viewerId, d.rows.values(), d.all, (id) => mediaDescriptions(d.media, id), polls) : null;
  const quotes = loadQuoteFields(ctx, all, viewerId, shallow ? null : (qids) => loadStatusViews(ctx, qids, viewerId, true));

  const build = (s: StatusRow, reblog: Record<string, unknown> | null): Record<string, unknown> => {
    const data = baseViewData(ctx, d, s);
    data.poll = polls.get(s.id) ?? null;
    data.reblog = reblog;
    data.quote = quotes.get(s.id);
    if (sets) data.viewer = { ...viewerFlags(s, viewerId!, sets), filtered: filtered?.get(s.id) };
    const out = toMastodonStatus(data);
    out.emojis = statusEmojis(ctx, d, s);
    return out;
  };

  const out = new Map<number, Record<string, unknown>>();
  for (const id of ids) {
    const s = d.rows.get(id);
    if (!s || !d.accountRows.has(s.account_id)) continue;
    if (s.reblog_of_id !== null) {
      const o = d.all.get(s.reblog_of_id);
      if (!o || !d.accountRows.has(o.account_id)) continue;
      out.set(id, build(s, build(o, null)));
    } else out.set(id, build(s, null));
  }
  return out;
}

/** Serialized statuses in the given order (missing ones dropped). */
export function statusList(ctx: AppContext, ids: readonly number[], viewerId: number | null): Record<string, unknown>[] {
  const m = loadStatusViews(ctx, ids, viewerId);
  return ids.map((id) => m.get(id)).filter((x): x is Record<string, unknown> => !!x);
}
