/**
 * Publishing account-level activities: Update(Person) after profile changes, Move to a new
 * account, and poll votes (Create(Note) with `name`) to a remote poll's author.
 * Call inside the writing service's transaction.
 */
import type { AppContext } from "../../context";
import { listRemoteVoterIds } from "../../db/queries/poll-votes";
import { getPollByStatus } from "../../db/queries/polls";
import { listReblogAccountIds } from "../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../db/rows";
import { toApActivity, toApActor, toApNote } from "../../serializers/activitypub";
import { pollExpired } from "../../serializers/mastodon/poll";
import { loadActorData, loadNoteData } from "../../db/views/activitypub";
import { AS_PUBLIC, sendToStatusAudience } from "./statuses";
import { accountRow, sendToAccounts, sendToFollowers } from "./send";

/** Enqueues Update(Person) of local account `accountId` (its row as just written) to its followers. */
export function publishProfileUpdate(ctx: AppContext, accountId: number): void {
  const a = accountRow(ctx, accountId);
  if (a.domain !== null) return;
  sendToFollowers(ctx, accountId, () =>
    toApActivity(ctx, "Update", a, toApActor(ctx, a, loadActorData(ctx, a)), {
      id: ctx.uris.rowActivity(a.uri, "updates", a.updated_at),
      to: [AS_PUBLIC],
    }),
  );
}

/** Enqueues Move of local account `accountId` to `target` (id `#moves/moveId`) to its followers. */
export function publishMove(ctx: AppContext, accountId: number, target: AccountRow, moveId: number): void {
  const a = accountRow(ctx, accountId);
  const activity = toApActivity(ctx, "Move", a, a.uri, { id: ctx.uris.rowActivity(a.uri, "moves", moveId), target: target.uri });
  sendToFollowers(ctx, accountId, activity);
}

/** The id of a vote's Note (stored in poll_votes.uri); its Create is `${id}/activity`. */
export function voteUri(ctx: AppContext, voterUri: string, voteId: number): string {
  return ctx.uris.rowActivity(voterUri, "votes", voteId);
}

/**
 * Enqueues one Create(Note{name: option title, inReplyTo: poll}) per chosen option, addressed
 * to the remote poll's author only (as Mastodon's VoteService). Only for remote polls: a local
 * poll's new counts go out later as Update(Question) (services/polls/distribute.ts).
 */
export function publishPollVotes(ctx: AppContext, voterId: number, status: StatusRow, votes: { id: number; title: string }[]): void {
  if (status.local) return;
  const voter = accountRow(ctx, voterId);
  const author = accountRow(ctx, status.account_id);
  for (const v of votes) {
    const id = voteUri(ctx, voter.uri, v.id);
    const note = { id, type: "Note", name: v.title, attributedTo: voter.uri, to: [author.uri], inReplyTo: status.uri };
    const activity = toApActivity(ctx, "Create", voter, note, { id: ctx.uris.createActivity(id), to: [author.uri] });
    sendToAccounts(ctx, voterId, activity, [author.id]);
  }
}

/**
 * Enqueues Update(Question) with fresh counts for local poll status `status` (Mastodon's
 * DistributePollUpdateWorker): to its audience, the poll's remote voters and remote boosters.
 */
export function publishPollUpdate(ctx: AppContext, status: StatusRow): void {
  const poll = getPollByStatus(ctx.db, status.id);
  if (!poll) return;
  const voters = [...listRemoteVoterIds(ctx.db, poll.id), ...listReblogAccountIds(ctx.db, status.id)];
  // The closing Update differs from the last vote's (it carries `closed`), so it needs an id of its own.
  const at = poll.expires_at !== null && pollExpired(poll, ctx.now()) ? Math.max(poll.updated_at, poll.expires_at) : poll.updated_at;
  sendToStatusAudience(
    ctx,
    status,
    () => {
      const note = toApNote(ctx, status, loadNoteData(ctx, [status]));
      return toApActivity(ctx, "Update", accountRow(ctx, status.account_id), note, {
        id: ctx.uris.updateActivity(status.uri, at),
        to: note.to,
        cc: note.cc,
      });
    },
    voters,
  );
}

/** Enqueues Add (pin) or Remove (unpin) of status `s` to/from the featured collection, to followers. */
export function publishPinChange(ctx: AppContext, type: "Add" | "Remove", accountId: number, s: StatusRow, pinId: number): void {
  const a = accountRow(ctx, accountId);
  if (a.domain !== null) return;
  sendToFollowers(ctx, accountId, () =>
    toApActivity(ctx, type, a, s.uri, {
      id: ctx.uris.rowActivity(a.uri, type === "Add" ? "pins" : "unpins", pinId),
      target: a.featured_url ?? ctx.uris.featured(a.username),
    }),
  );
}
