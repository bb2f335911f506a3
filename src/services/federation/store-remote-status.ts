/** Writing a parsed remote status (new or edited) with its mentions, tags, media and poll. */
import type { AppContext } from "../../context";
import { incrementRemoteAccountStatuses } from "../../db/queries/accounts-remote";
import { detachStatusMedia, insertRemoteMedia, listStatusMediaUrls } from "../../db/queries/media-attachments";
import { deleteMentionsExcept, insertMentionIfMissing } from "../../db/queries/mentions";
import { deletePoll, getPollShapeByStatus, insertRemotePoll, updateRemotePoll } from "../../db/queries/polls";
import { deletePollVotes } from "../../db/queries/poll-votes";
import { hasStatusEdits, insertRemoteStatusEdit } from "../../db/queries/status-edits";
import {
  incrementStatusCounter,
  insertRemoteStatusRow,
  listReblogAccountIds,
  setStatusMediaIds,
  setStatusPollId,
  statusIdTaken,
  updateRemoteStatusRow,
} from "../../db/queries/statuses";
import { deleteStatusTags, insertStatusTag } from "../../db/queries/statuses-tags";
import { bumpTagLastStatusAt, getTagIdByName, insertUsedTagIfMissing } from "../../db/queries/tags";
import type { AccountRow, StatusRow } from "../../db/rows";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import { fanOutStatus, statusEdited } from "../feeds";
import { enqueueRemoteMediaCache, remoteMediaAllowed } from "../media/cache-remote";
import { notify } from "../notifications/notify";
import { enqueueExpiry } from "../polls/create";
import { statusRow } from "../statuses/common";
import { notifyMentioned } from "../statuses/create";
import { recordDirectStatus } from "../conversations/record";
import type { ParsedPoll, ParsedStatus } from "../../serializers/activitypub/from-note";
import { enqueueLinkCard, resetLinkCard } from "../preview-cards/fetch-card";

/** Accounts a status mentions: visible ones (tags) and silent ones (only addressed). */
export interface ResolvedMentions {
  visible: number[];
  silent: number[];
}

/** Options of an upsert: `backfill` skips fan-out and notifications; `depth` counts parent fetches. */
export interface UpsertOptions {
  backfill?: boolean;
  depth?: number;
}

function writeMentions(ctx: AppContext, statusId: number, m: ResolvedMentions): number[] {
  const added: number[] = [];
  for (const a of m.visible) if (insertMentionIfMissing(ctx.db, ctx.ids.next(), statusId, a, false)) added.push(a);
  for (const a of m.silent) if (!m.visible.includes(a)) insertMentionIfMissing(ctx.db, ctx.ids.next(), statusId, a, true);
  return added;
}

function writeTags(ctx: AppContext, statusId: number, tags: ParsedStatus["tags"], at: number): void {
  const db = ctx.db;
  for (const t of tags) {
    insertUsedTagIfMissing(db, ctx.ids.next(), t.name, t.display, at, ctx.now());
    const tagId = getTagIdByName(db, t.name)!;
    bumpTagLastStatusAt(db, tagId, at);
    insertStatusTag(db, tagId, statusId);
  }
}

/** Stores the attachments' rows and enqueues one `media.cache_remote` job each (unless the domain rejects media). */
function writeMedia(ctx: AppContext, statusId: number, accountId: number, p: ParsedStatus): string {
  const t = ctx.now();
  const ids: number[] = [];
  const cache = remoteMediaAllowed(ctx, accountId);
  for (const m of p.media) {
    const id = ctx.ids.next();
    insertRemoteMedia(ctx.db, {
      id,
      account_id: accountId,
      status_id: statusId,
      type: m.type,
      content_type: m.contentType,
      remote_url: m.url,
      description: m.description,
      focus_x: m.focus[0],
      focus_y: m.focus[1],
      meta: JSON.stringify(m.meta),
      blurhash: m.blurhash,
      created_at: t,
      updated_at: t,
    });
    if (cache) enqueueRemoteMediaCache(ctx, id, m.type, m.previewUrl ?? null);
    ids.push(id);
  }
  return JSON.stringify(ids);
}

function writePoll(ctx: AppContext, statusId: number, accountId: number, poll: ParsedPoll | null): void {
  const db = ctx.db;
  const old = getPollShapeByStatus(db, statusId);
  const t = ctx.now();
  if (!poll) {
    if (old) deletePoll(db, old.id);
    setStatusPollId(db, statusId, null);
    return;
  }
  const options = JSON.stringify(poll.options.map((title) => ({ title })));
  const votes = poll.tallies.reduce((a, b) => a + b, 0);
  if (old) {
    if (old.options !== options || !!old.multiple !== poll.multiple) deletePollVotes(db, old.id);
    updateRemotePoll(db, old.id, {
      options,
      tallies: JSON.stringify(poll.tallies),
      votes_count: votes,
      voters_count: poll.votersCount,
      multiple: poll.multiple ? 1 : 0,
      expires_at: poll.expiresAt,
      last_fetched_at: t,
      updated_at: t,
    });
    if (poll.expiresAt !== null && poll.expiresAt !== old.expires_at && poll.expiresAt > t) enqueueExpiry(ctx, old.id, poll.expiresAt);
    return;
  }
  const id = ctx.ids.next();
  insertRemotePoll(db, {
    id,
    status_id: statusId,
    account_id: accountId,
    options,
    tallies: JSON.stringify(poll.tallies),
    votes_count: votes,
    voters_count: poll.votersCount,
    multiple: poll.multiple ? 1 : 0,
    expires_at: poll.expiresAt,
    last_fetched_at: t,
    created_at: t,
    updated_at: t,
  });
  setStatusPollId(db, statusId, id);
  if (poll.expiresAt !== null && poll.expiresAt > t) enqueueExpiry(ctx, id, poll.expiresAt);
}

function freshId(ctx: AppContext, at: number): number {
  for (let i = 0; i < 8; i++) {
    const id = ctx.ids.at(at);
    if (!statusIdTaken(ctx.db, id)) return id;
  }
  return ctx.ids.next();
}

/** Inserts a new remote status; fans out and notifies unless backfilling. Call inside a transaction. */
export function insertRemoteStatus(
  ctx: AppContext,
  p: ParsedStatus,
  author: AccountRow,
  m: ResolvedMentions,
  parent: StatusRow | null,
  opts: UpsertOptions,
): StatusRow {
  const db = ctx.db;
  const id = freshId(ctx, p.publishedAt);
  const t = ctx.now();
  insertRemoteStatusRow(db, {
    id,
    uri: p.uri,
    url: p.url,
    account_id: author.id,
    in_reply_to_id: parent?.id ?? null,
    in_reply_to_account_id: parent?.account_id ?? null,
    conversation_id: parent?.conversation_id ?? id,
    content: p.content,
    spoiler_text: p.spoilerText,
    sensitive: p.sensitive ? 1 : 0,
    visibility: p.visibility,
    language: p.language,
    created_at: p.publishedAt,
    edited_at: p.updatedAt !== null && p.updatedAt > p.publishedAt ? p.updatedAt : null,
    updated_at: t,
  });
  if (p.media.length) setStatusMediaIds(db, id, writeMedia(ctx, id, author.id, p));
  const added = writeMentions(ctx, id, m);
  writeTags(ctx, id, p.tags, p.publishedAt);
  writePoll(ctx, id, author.id, p.poll);
  incrementRemoteAccountStatuses(db, author.id, p.publishedAt);
  if (parent && (p.visibility === PUBLIC || p.visibility === UNLISTED)) incrementStatusCounter(db, parent.id, "replies_count");
  const row = statusRow(ctx, id);
  enqueueLinkCard(ctx, id, row.content);
  if (!opts.backfill) {
    fanOutStatus(ctx, row);
    notifyMentioned(ctx, row, added);
    recordDirectStatus(ctx, row);
  }
  return row;
}

function recordVersion(ctx: AppContext, s: StatusRow, at: number): void {
  insertRemoteStatusEdit(ctx.db, ctx.ids.next(), s, at);
}

function mediaKey(ctx: AppContext, statusId: number): string {
  return JSON.stringify(listStatusMediaUrls(ctx.db, statusId));
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
  if (!hasStatusEdits(db, s.id)) recordVersion(ctx, s, s.created_at);
  let mediaIds = s.media_ids;
  if (mediaChanged) {
    // Detached, not deleted: the unattached-media cleanup removes the rows with their cached files.
    detachStatusMedia(db, s.id);
    mediaIds = writeMedia(ctx, s.id, s.account_id, p);
  }
  const editedAt = p.updatedAt !== null && p.updatedAt <= t ? Math.max(p.updatedAt, s.created_at) : t;
  updateRemoteStatusRow(db, s.id, {
    content: p.content,
    spoiler_text: p.spoilerText,
    sensitive: p.sensitive ? 1 : 0,
    language: p.language ?? s.language,
    media_ids: mediaIds,
    url: p.url ?? s.url,
    edited_at: editedAt,
    updated_at: t,
  });
  const keep = [...m.visible, ...m.silent];
  deleteMentionsExcept(db, s.id, keep);
  const added = writeMentions(ctx, s.id, m);
  deleteStatusTags(db, s.id);
  writeTags(ctx, s.id, p.tags, s.created_at);
  if (s.content !== p.content) resetLinkCard(ctx, s.id, p.content);
  const updated = statusRow(ctx, s.id);
  recordVersion(ctx, updated, editedAt);
  if (!opts.backfill) {
    notifyMentioned(ctx, updated, added);
    for (const b of listReblogAccountIds(db, s.id))
      notify(ctx, { accountId: b, fromAccountId: s.account_id, type: "update", statusId: s.id });
    statusEdited(ctx, s.id);
  }
  return updated;
}
