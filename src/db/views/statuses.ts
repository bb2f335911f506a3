/**
 * Loads everything the Status serializer needs for a page of statuses in a fixed number of
 * queries: rows, reblogged originals, accounts, mentions, tags, media, apps and viewer flags.
 */
import type { AppContext } from "../../context";
import type { MediaRow, StatusRow } from "../rows";
import { selectIn } from "../sql";
import { accountViewsFromRows, loadAccountRows } from "./accounts";
import { profileUrl } from "../../serializers/mastodon/account";
import { toMastodonMedia } from "../../serializers/mastodon/media";
import { toMastodonMention, toMastodonStatus, type StatusViewData } from "../../serializers/mastodon/status";

/** Hook for polls (filled in by the polls module): status ids → serialized Poll by status id. */
export type PollLoader = (ctx: AppContext, statuses: StatusRow[], viewerId: number | null) => Map<number, Record<string, unknown>>;
const pollLoaders: PollLoader[] = [];
/** Registers a loader that adds `poll` to statuses that have one. */
export function registerPollLoader(l: PollLoader): void { pollLoaders.push(l); }

/** The public URL of a status. */
export function statusUrl(ctx: AppContext, s: StatusRow, username: string, isLocal: boolean): string {
  return isLocal ? ctx.uris.statusUrl(username, s.id) : s.url || s.uri;
}

/**
 * The viewer's favourites (k 0), boosts (1), bookmarks (2) and pins (3) among statuses ?2, and
 * muted conversations (4) among ?3 (JSON arrays): one statement instead of five.
 */
const VIEWER_FLAGS_SQL = `
  SELECT 0 AS k, status_id AS id FROM favourites WHERE account_id = ?1 AND status_id IN (SELECT value FROM json_each(?2))
  UNION ALL SELECT 1, reblog_of_id FROM statuses WHERE account_id = ?1 AND reblog_of_id IN (SELECT value FROM json_each(?2))
  UNION ALL SELECT 2, status_id FROM bookmarks WHERE account_id = ?1 AND status_id IN (SELECT value FROM json_each(?2))
  UNION ALL SELECT 3, status_id FROM status_pins WHERE account_id = ?1 AND status_id IN (SELECT value FROM json_each(?2))
  UNION ALL SELECT 4, conversation_id FROM conversation_mutes WHERE account_id = ?1 AND conversation_id IN (SELECT value FROM json_each(?3))`;

/** Status rows by id. */
export function loadStatusRows(ctx: AppContext, ids: readonly number[]): Map<number, StatusRow> {
  return new Map(selectIn<StatusRow>(ctx.db, (ph) => `SELECT * FROM statuses WHERE id IN (${ph})`, ids).map((r) => [r.id, r]));
}

/** Serialized Mastodon Statuses by id, as seen by `viewerId` (null: logged out). Missing ids are skipped. */
export function loadStatusViews(ctx: AppContext, ids: readonly number[], viewerId: number | null): Map<number, Record<string, unknown>> {
  const db = ctx.db;
  const rows = loadStatusRows(ctx, ids);
  const reblogIds = [...rows.values()].map((r) => r.reblog_of_id).filter((x): x is number => x !== null && !rows.has(x));
  const originals = reblogIds.length ? loadStatusRows(ctx, reblogIds) : new Map<number, StatusRow>();
  const all = new Map([...rows, ...originals]);
  const sids = [...all.keys()];
  if (sids.length === 0) return new Map();

  const mentions = selectIn<{ status_id: number; account_id: number }>(db, (ph) => `SELECT status_id, account_id FROM mentions WHERE status_id IN (${ph}) AND silent = 0 ORDER BY id`, sids);
  const accountIds = new Set<number>([...all.values()].map((r) => r.account_id));
  for (const m of mentions) accountIds.add(m.account_id);
  const accountRows = loadAccountRows(ctx, [...accountIds]);
  const authorIds = new Set([...all.values()].map((r) => r.account_id));
  const accountViews = accountViewsFromRows(ctx, new Map([...accountRows].filter(([id]) => authorIds.has(id))));

  const tags = selectIn<{ status_id: number; name: string; display_name: string }>(db, (ph) => `SELECT st.status_id, t.name, t.display_name FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id IN (${ph})`, sids);
  const media = selectIn<MediaRow>(db, (ph) => `SELECT * FROM media_attachments WHERE status_id IN (${ph})`, sids);
  const appIds = [...new Set([...all.values()].map((r) => r.application_id).filter((x): x is number => x !== null))];
  const apps = new Map(selectIn<{ id: number; name: string; website: string | null }>(db, (ph) => `SELECT id, name, website FROM oauth_applications WHERE id IN (${ph})`, appIds).map((a) => [a.id, a]));

  let fav = new Set<number>(), rebl = new Set<number>(), bm = new Set<number>(), pin = new Set<number>(), muted = new Set<number>();
  if (viewerId !== null) {
    const convIds = [...new Set([...all.values()].map((r) => r.conversation_id).filter((x): x is number => x !== null))];
    const flags = [fav, rebl, bm, pin, muted];
    for (const r of db.query<{ k: number; id: number }, [number, string, string]>(VIEWER_FLAGS_SQL).all(viewerId, JSON.stringify(sids), JSON.stringify(convIds))) flags[r.k]!.add(r.id);
  }
  const polls = new Map<number, Record<string, unknown>>();
  for (const l of pollLoaders) for (const [k, v] of l(ctx, [...all.values()], viewerId)) polls.set(k, v);

  const build = (s: StatusRow, reblog: Record<string, unknown> | null): Record<string, unknown> => {
    const author = accountRows.get(s.account_id)!;
    const order: number[] = (() => { try { return JSON.parse(s.media_ids); } catch { return []; } })();
    const ms = media.filter((m) => m.status_id === s.id).sort((a, b) => (order.indexOf(a.id) + 1 || 1e9) - (order.indexOf(b.id) + 1 || 1e9) || a.id - b.id);
    const data: StatusViewData = {
      row: s,
      account: accountViews.get(s.account_id)!,
      url: statusUrl(ctx, s, author.username, author.domain === null),
      mentions: mentions.filter((m) => m.status_id === s.id).map((m) => accountRows.get(m.account_id)).filter((a) => !!a).map((a) => toMastodonMention(a!, profileUrl(ctx, a!))),
      tags: tags.filter((t) => t.status_id === s.id).map((t) => ({ name: t.name, url: ctx.uris.tag(t.name) })),
      media: ms.map((m) => toMastodonMedia(ctx, m)),
      application: s.application_id !== null && author.domain === null ? (apps.has(s.application_id) ? { name: apps.get(s.application_id)!.name, website: apps.get(s.application_id)!.website } : null) : null,
      poll: polls.get(s.id) ?? null,
      reblog,
    };
    if (viewerId !== null) {
      const target = s.reblog_of_id ?? s.id;
      data.viewer = {
        favourited: fav.has(target),
        reblogged: rebl.has(target),
        bookmarked: bm.has(target),
        muted: s.conversation_id !== null && muted.has(s.conversation_id),
        pinned: s.account_id === viewerId && s.reblog_of_id === null && s.visibility <= 2 ? pin.has(s.id) : undefined,
      };
    }
    return toMastodonStatus(data);
  };

  const out = new Map<number, Record<string, unknown>>();
  for (const id of ids) {
    const s = rows.get(id);
    if (!s || !accountRows.has(s.account_id)) continue;
    if (s.reblog_of_id !== null) {
      const o = all.get(s.reblog_of_id);
      if (!o || !accountRows.has(o.account_id)) continue;
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
