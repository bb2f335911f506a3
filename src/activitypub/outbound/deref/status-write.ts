/** Writing a parsed remote status (new or edited) with its mentions, tags, media and poll. */
import type { AppContext } from "../../../context";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { PUBLIC, UNLISTED } from "../../../model/visibility";
import { fanOutStatus, statusEdited } from "../../../services/feeds";
import { enqueueRemoteMediaCache, remoteMediaAllowed } from "../../../services/media/cache-remote";
import { notify } from "../../../services/notifications/notify";
import { enqueueExpiry } from "../../../services/polls/create";
import { statusRow } from "../../../services/statuses/common";
import { notifyMentioned } from "../../../services/statuses/create";
import { recordDirectStatus } from "../../../services/conversations/record";
import type { ParsedPoll, ParsedStatus } from "./status-parse";

/** Accounts a status mentions: visible ones (tags) and silent ones (only addressed). */
export interface ResolvedMentions { visible: number[]; silent: number[] }

/** Options of an upsert: `backfill` skips fan-out and notifications; `depth` counts parent fetches. */
export interface UpsertOptions { backfill?: boolean; depth?: number }

function writeMentions(ctx: AppContext, statusId: number, m: ResolvedMentions): number[] {
  const added: number[] = [];
  const q = ctx.db.query("INSERT OR IGNORE INTO mentions (id, status_id, account_id, silent) VALUES (?, ?, ?, ?)");
  for (const a of m.visible) if (q.run(ctx.ids.next(), statusId, a, 0).changes > 0) added.push(a);
  for (const a of m.silent) if (!m.visible.includes(a)) q.run(ctx.ids.next(), statusId, a, 1);
  return added;
}

function writeTags(ctx: AppContext, statusId: number, tags: ParsedStatus["tags"], at: number): void {
  const db = ctx.db;
  for (const t of tags) {
    db.query("INSERT OR IGNORE INTO tags (id, name, display_name, last_status_at, created_at) VALUES (?, ?, ?, ?, ?)").run(ctx.ids.next(), t.name, t.display, at, ctx.now());
    const tag = db.query<{ id: number }, [string]>("SELECT id FROM tags WHERE name = ?").get(t.name)!;
    db.query("UPDATE tags SET last_status_at = max(ifnull(last_status_at, 0), ?) WHERE id = ?").run(at, tag.id);
    db.query("INSERT OR IGNORE INTO statuses_tags (tag_id, status_id) VALUES (?, ?)").run(tag.id, statusId);
  }
}

/** Stores the attachments' rows and enqueues one `media.cache_remote` job each (unless the domain rejects media). */
function writeMedia(ctx: AppContext, statusId: number, accountId: number, p: ParsedStatus): string {
  const t = ctx.now();
  const ids: number[] = [];
  const q = ctx.db.query(
    `INSERT INTO media_attachments (id, account_id, status_id, type, content_type, remote_url, description, focus_x, focus_y, meta, blurhash, processing, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const cache = remoteMediaAllowed(ctx, accountId);
  for (const m of p.media) {
    const id = ctx.ids.next();
    q.run(id, accountId, statusId, m.type, m.contentType, m.url, m.description, m.focus[0], m.focus[1], JSON.stringify(m.meta), m.blurhash, t, t);
    if (cache) enqueueRemoteMediaCache(ctx, id, m.type, m.previewUrl ?? null);
    ids.push(id);
  }
  return JSON.stringify(ids);
}

function writePoll(ctx: AppContext, statusId: number, accountId: number, poll: ParsedPoll | null): void {
  const db = ctx.db;
  const old = db.query<{ id: number; options: string; multiple: number; expires_at: number | null }, [number]>("SELECT id, options, multiple, expires_at FROM polls WHERE status_id = ?").get(statusId);
  const t = ctx.now();
  if (!poll) {
    if (old) db.query("DELETE FROM polls WHERE id = ?").run(old.id);
    db.query("UPDATE statuses SET poll_id = NULL WHERE id = ?").run(statusId);
    return;
  }
  const options = JSON.stringify(poll.options.map((title) => ({ title })));
  const votes = poll.tallies.reduce((a, b) => a + b, 0);
  if (old) {
    if (old.options !== options || !!old.multiple !== poll.multiple) db.query("DELETE FROM poll_votes WHERE poll_id = ?").run(old.id);
    db.query("UPDATE polls SET options = ?, tallies = ?, votes_count = ?, voters_count = ?, multiple = ?, expires_at = ?, last_fetched_at = ?, updated_at = ? WHERE id = ?")
      .run(options, JSON.stringify(poll.tallies), votes, poll.votersCount, poll.multiple ? 1 : 0, poll.expiresAt, t, t, old.id);
    if (poll.expiresAt !== null && poll.expiresAt !== old.expires_at && poll.expiresAt > t) enqueueExpiry(ctx, old.id, poll.expiresAt);
    return;
  }
  const id = ctx.ids.next();
  db.query(
    `INSERT INTO polls (id, status_id, account_id, options, tallies, votes_count, voters_count, multiple, hide_totals, expires_at, last_fetched_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  ).run(id, statusId, accountId, options, JSON.stringify(poll.tallies), votes, poll.votersCount, poll.multiple ? 1 : 0, poll.expiresAt, t, t, t);
  db.query("UPDATE statuses SET poll_id = ? WHERE id = ?").run(id, statusId);
  if (poll.expiresAt !== null && poll.expiresAt > t) enqueueExpiry(ctx, id, poll.expiresAt);
}

function freshId(ctx: AppContext, at: number): number {
  for (let i = 0; i < 8; i++) {
    const id = ctx.ids.at(at);
    if (!ctx.db.query("SELECT 1 FROM statuses WHERE id = ?").get(id)) return id;
  }
  return ctx.ids.next();
}

/** Inserts a new remote status; fans out and notifies unless backfilling. Call inside a transaction. */
export function insertRemoteStatus(ctx: AppContext, p: ParsedStatus, author: AccountRow, m: ResolvedMentions, parent: StatusRow | null, opts: UpsertOptions): StatusRow {
  const db = ctx.db;
  const id = freshId(ctx, p.publishedAt);
  const t = ctx.now();
  db.query(
    `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, conversation_id, content, spoiler_text,
       sensitive, visibility, language, created_at, edited_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, p.uri, p.url, author.id, parent?.id ?? null, parent?.account_id ?? null, parent?.conversation_id ?? id, p.content, p.spoilerText,
    p.sensitive ? 1 : 0, p.visibility, p.language, p.publishedAt, p.updatedAt !== null && p.updatedAt > p.publishedAt ? p.updatedAt : null, t);
  if (p.media.length) db.query("UPDATE statuses SET media_ids = ? WHERE id = ?").run(writeMedia(ctx, id, author.id, p), id);
  const added = writeMentions(ctx, id, m);
  writeTags(ctx, id, p.tags, p.publishedAt);
  writePoll(ctx, id, author.id, p.poll);
  db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = max(ifnull(last_status_at, 0), ?) WHERE id = ?").run(p.publishedAt, author.id);
  if (parent && (p.visibility === PUBLIC || p.visibility === UNLISTED)) db.query("UPDATE statuses SET replies_count = replies_count + 1 WHERE id = ?").run(parent.id);
  const row = statusRow(ctx, id);
  if (!opts.backfill) {
    fanOutStatus(ctx, row);
    notifyMentioned(ctx, row, added);
    recordDirectStatus(ctx, row);
  }
  return row;
}

function recordVersion(ctx: AppContext, s: StatusRow, at: number): void {
  ctx.db.query("INSERT INTO status_edits (id, status_id, account_id, content, spoiler_text, sensitive, media_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .run(ctx.ids.next(), s.id, s.account_id, s.content, s.spoiler_text, s.sensitive, s.media_ids, at);
}

function mediaKey(ctx: AppContext, statusId: number): string {
  return JSON.stringify(ctx.db.query<{ remote_url: string | null; description: string | null }, [number]>("SELECT remote_url, description FROM media_attachments WHERE status_id = ? ORDER BY id").all(statusId));
}

/**
 * Applies an Update to a known remote status: keeps the previous version in status_edits
 * when text, CW, sensitivity or media changed; always refreshes poll counts. Call inside a transaction.
 */
export function updateRemoteStatus(ctx: AppContext, s: StatusRow, p: ParsedStatus, m: ResolvedMentions, opts: UpsertOptions): StatusRow {
  const db = ctx.db;
  const t = ctx.now();
  const newMedia = JSON.stringify(p.media.map((x) => ({ remote_url: x.url, description: x.description })));
  const mediaChanged = mediaKey(ctx, s.id) !== newMedia;
  const changed = s.content !== p.content || s.spoiler_text !== p.spoilerText || !!s.sensitive !== p.sensitive || mediaChanged;
  writePoll(ctx, s.id, s.account_id, p.poll);
  if (!changed) return statusRow(ctx, s.id);
  if (!db.query("SELECT 1 FROM status_edits WHERE status_id = ?").get(s.id)) recordVersion(ctx, s, s.created_at);
  let mediaIds = s.media_ids;
  if (mediaChanged) {
    // Detached, not deleted: the unattached-media cleanup removes the rows with their cached files.
    db.query("UPDATE media_attachments SET status_id = NULL WHERE status_id = ?").run(s.id);
    mediaIds = writeMedia(ctx, s.id, s.account_id, p);
  }
  const editedAt = p.updatedAt !== null && p.updatedAt <= t ? Math.max(p.updatedAt, s.created_at) : t;
  db.query("UPDATE statuses SET content = ?, spoiler_text = ?, sensitive = ?, language = ?, media_ids = ?, url = ?, edited_at = ?, updated_at = ? WHERE id = ?")
    .run(p.content, p.spoilerText, p.sensitive ? 1 : 0, p.language ?? s.language, mediaIds, p.url ?? s.url, editedAt, t, s.id);
  const keep = [...m.visible, ...m.silent];
  db.query("DELETE FROM mentions WHERE status_id = ? AND account_id NOT IN (SELECT value FROM json_each(?))").run(s.id, JSON.stringify(keep));
  const added = writeMentions(ctx, s.id, m);
  db.query("DELETE FROM statuses_tags WHERE status_id = ?").run(s.id);
  writeTags(ctx, s.id, p.tags, s.created_at);
  const updated = statusRow(ctx, s.id);
  recordVersion(ctx, updated, editedAt);
  if (!opts.backfill) {
    notifyMentioned(ctx, updated, added);
    const boosters = db.query<{ account_id: number }, [number]>("SELECT DISTINCT account_id FROM statuses WHERE reblog_of_id = ?").all(s.id);
    for (const b of boosters) notify(ctx, { accountId: b.account_id, fromAccountId: s.account_id, type: "update", statusId: s.id });
    statusEdited(ctx, s.id);
  }
  return updated;
}
