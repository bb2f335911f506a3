/**
 * Per-event viewer checks for streamed statuses, batched over every connected viewer in a
 * fixed number of queries: who must not see the status, and whose view of it differs.
 */
import type { AppContext } from "../context";
import type { StatusRow } from "../db/rows";
import { placeholders, selectIn } from "../db/sql";

function idsOf(ctx: AppContext, sql: (ph: string) => string, list: number[], extra: (number | string | null)[]): Set<number> {
  return new Set(selectIn<{ id: number }>(ctx.db, sql, list, extra).map((r) => r.id));
}

/**
 * Viewers (of `viewerIds`) that must not get a status involving `involved` accounts (author,
 * boosted author, mentions): they block or mute one of them, or an author blocks them.
 * Mastodon's streaming server applies the same rule to every `update`.
 */
export function hiddenViewers(ctx: AppContext, viewerIds: number[], involved: number[], authors: number[]): Set<number> {
  if (viewerIds.length === 0) return new Set();
  const viewers = new Set(viewerIds);
  const inv = placeholders(involved.length);
  const hidden = new Set<number>();
  // Blocks are probed from the few involved accounts (blocks_target, and the (account_id,
  // target_account_id) key) and intersected here: a status often goes to thousands of viewers.
  const blockers = selectIn<{ id: number }>(ctx.db, (ph) => `SELECT account_id AS id FROM blocks WHERE target_account_id IN (${ph})`, involved);
  const blocked = selectIn<{ id: number }>(ctx.db, (ph) => `SELECT target_account_id AS id FROM blocks WHERE account_id IN (${ph})`, authors);
  for (const r of blockers) if (viewers.has(r.id)) hidden.add(r.id);
  for (const r of blocked) if (viewers.has(r.id)) hidden.add(r.id);
  const muting = idsOf(ctx, (ph) => `SELECT account_id AS id FROM mutes WHERE (expires_at IS NULL OR expires_at > ?) AND target_account_id IN (${inv}) AND account_id IN (${ph})`, viewerIds, [ctx.now(), ...involved]);
  for (const id of muting) hidden.add(id);
  for (const a of authors) hidden.delete(a);
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
  const probe = (table: string, col: string, list: number[], who = "account_id") => {
    if (list.length === 0) return;
    const sql = (ph: string) => `SELECT ${who} AS id FROM ${table} WHERE ${col} IN (${placeholders(list.length)}) AND ${who} IN (${ph})`;
    for (const id of idsOf(ctx, sql, viewerIds, list)) out.add(id);
  };
  // Favourites and boosts are indexed by status: read them all and intersect here.
  const viewers = new Set(viewerIds);
  const byStatus = (sql: (ph: string) => string) => { for (const r of selectIn<{ id: number }>(ctx.db, sql, sids)) if (viewers.has(r.id)) out.add(r.id); };
  byStatus((ph) => `SELECT account_id AS id FROM favourites WHERE status_id IN (${ph})`);
  byStatus((ph) => `SELECT account_id AS id FROM statuses WHERE reblog_of_id IN (${ph})`);
  probe("bookmarks", "status_id", sids);
  probe("status_pins", "status_id", sids);
  probe("conversation_mutes", "conversation_id", convs);
  probe("poll_votes", "poll_id", polls);
  return out;
}
