/**
 * Publishing local statuses and boosts: Create/Update/Delete(Note) and Announce/Undo(Announce),
 * addressed as Mastodon addresses them. Call inside the writing service's transaction.
 */
import type { AppContext } from "../../context";
import { listMentionedAccountIds } from "../../db/queries/mentions";
import { getStatus, listReblogAccountIds } from "../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../db/rows";
import { DIRECT, PRIVATE, UNLISTED } from "../../model/visibility";
import { apTime, PUBLIC_COLLECTION, toApActivity, toApNote, toApTombstone } from "../../serializers/activitypub";
import { loadNoteData } from "../../db/views/activitypub";
import { accountRow, embedded, sendToAccounts, sendToFollowers, type ActivityInput } from "./send";

/** The ActivityStreams public collection. */
export const AS_PUBLIC = PUBLIC_COLLECTION;

/** Accounts mentioned by a status (ids). */
function mentionedIds(ctx: AppContext, statusId: number): number[] {
  return listMentionedAccountIds(ctx.db, statusId);
}

/**
 * Sends `activity` to the status's audience: mentioned (and `extra`) accounts only for DMs; otherwise the
 * author's followers, mentioned accounts, the replied-to author and `extra` accounts.
 */
export function sendToStatusAudience(ctx: AppContext, s: StatusRow, activity: ActivityInput, extra: number[] = []): void {
  const mentioned = mentionedIds(ctx, s.id);
  if (s.visibility === DIRECT) sendToAccounts(ctx, s.account_id, activity, [...mentioned, ...extra]);
  else sendToFollowers(ctx, s.account_id, activity, [...mentioned, s.in_reply_to_account_id, ...extra]);
}

/** Copies the note's addressing onto its wrapping activity (Mastodon does the same). */
function addressing(note: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (note.to !== undefined) out.to = note.to;
  if (note.cc !== undefined) out.cc = note.cc;
  return out;
}

/** Enqueues Create(Note) for a new local status (not a boost). */
export function publishStatusCreate(ctx: AppContext, s: StatusRow): void {
  sendToStatusAudience(ctx, s, () => {
    const note = toApNote(ctx, s, loadNoteData(ctx, [s]));
    return toApActivity(ctx, "Create", accountRow(ctx, s.account_id), note, {
      id: ctx.uris.createActivity(s.uri),
      published: apTime(s.created_at),
      ...addressing(note),
    });
  });
}

/**
 * Enqueues Update(Note) after an edit of a local status (the row as updated). `formerlyMentioned`
 * accounts, dropped by the edit, get it too, as Mastodon does, so their copy changes as well.
 */
export function publishStatusUpdate(ctx: AppContext, s: StatusRow, formerlyMentioned: number[] = []): void {
  sendToStatusAudience(
    ctx,
    s,
    () => {
      const note = toApNote(ctx, s, loadNoteData(ctx, [s]));
      const at = s.edited_at ?? s.updated_at;
      return toApActivity(ctx, "Update", accountRow(ctx, s.account_id), note, {
        id: ctx.uris.updateActivity(s.uri, at),
        published: apTime(at),
        ...addressing(note),
      });
    },
    formerlyMentioned,
  );
}

/**
 * Enqueues Delete(Tombstone) for a local status about to be removed: call BEFORE deleting,
 * while its mentions and boosts still exist. Remote boosters get it too.
 */
export function publishStatusDelete(ctx: AppContext, s: StatusRow): void {
  const author = accountRow(ctx, s.account_id);
  const activity = toApActivity(ctx, "Delete", author, toApTombstone(s.uri), {
    id: ctx.uris.deleteActivity(s.uri),
    to: [AS_PUBLIC],
  });
  const boosters = listReblogAccountIds(ctx.db, s.id);
  sendToStatusAudience(ctx, s, activity, boosters);
}

/** The Announce activity of local boost `boost` of `original` (Mastodon's to/cc per visibility). */
function announce(ctx: AppContext, actor: AccountRow, boost: StatusRow, original: StatusRow): Record<string, unknown> {
  const origAuthor = accountRow(ctx, original.account_id);
  const followers = actor.followers_url ?? ctx.uris.followers(actor.username);
  let to: string[], cc: string[];
  if (boost.visibility === PRIVATE) {
    to = [followers];
    cc = [origAuthor.uri];
  } else if (boost.visibility === UNLISTED) {
    to = [followers];
    cc = [origAuthor.uri, AS_PUBLIC];
  } else {
    to = [AS_PUBLIC];
    cc = [origAuthor.uri, followers];
  }
  // The boost row's URI (…/statuses/ID/activity) is already the Announce id, as in Mastodon.
  return toApActivity(ctx, "Announce", actor, original.uri, { id: boost.uri, published: apTime(boost.created_at), to, cc });
}

/** Enqueues Announce for a new local boost, to the booster's followers and the original's author. */
export function publishReblog(ctx: AppContext, boost: StatusRow, original: StatusRow): void {
  const actor = accountRow(ctx, boost.account_id);
  sendToFollowers(ctx, actor.id, announce(ctx, actor, boost, original), [original.account_id]);
}

/** Enqueues Undo(Announce) for a local boost about to be removed (call before deleting it). */
export function publishUnreblog(ctx: AppContext, boost: StatusRow): void {
  const original = getStatus(ctx.db, boost.reblog_of_id!);
  if (!original) return;
  const actor = accountRow(ctx, boost.account_id);
  const inner = announce(ctx, actor, boost, original);
  const activity = toApActivity(ctx, "Undo", actor, embedded(inner), {
    id: ctx.uris.undoActivity(ctx.uris.rowActivity(actor.uri, "announces", boost.id)),
    to: [AS_PUBLIC],
  });
  sendToFollowers(ctx, actor.id, activity, [original.account_id]);
}
