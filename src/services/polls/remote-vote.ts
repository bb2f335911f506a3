/**
 * A vote from another server in one of our polls: a Create of a Note whose `name` is the option
 * and whose `inReplyTo` is the poll (Mastodon, GoToSocial, snac2 and Hearth all send this shape,
 * one Note per chosen option). Counted as Mastodon's ActivityPub::Activity::Create#poll_vote!
 * does, and never kept as a status, a notification or a conversation.
 */
import type { AppContext } from "../../context";
import { hasVotedForChoice, hasVotedInPoll, insertPollVote } from "../../db/queries/poll-votes";
import { getPoll, recordPollVote } from "../../db/queries/polls";
import type { StatusRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { canViewStatus } from "../../db/queries/visibility";
import { pollExpired, pollTallies, pollTitles } from "../../serializers/mastodon/poll";
import { schedulePollUpdate } from "./distribute";

/** What became of a remote vote: counted, refused by the poll's rules, or not a vote at all. */
export type RemoteVoteOutcome = "counted" | "refused" | "not_a_vote";

/** One incoming vote Note, as the inbox read it. */
export interface RemoteVote {
  /** The voter (a remote account, the activity's verified actor). */
  voterId: number;
  /** The Note's `name`: the title of the chosen option. */
  name: string;
  /** The Note's id, kept in poll_votes.uri. */
  uri: string;
  /** Whether the Note carries text of its own (then an unknown name makes it an ordinary reply). */
  hasContent: boolean;
}

/**
 * Records `vote` in the poll of local status `status` in one transaction and schedules the
 * debounced Update(Question) (unless totals are hidden). One vote per option per voter; a
 * single-choice poll takes one option only; nothing after the poll ended or from a voter who
 * cannot see the status. An unknown option is refused when the Note has no content of its own
 * (a vote for something we do not offer), else reported as `not_a_vote` so it is stored as a reply.
 */
export function receiveRemotePollVote(ctx: AppContext, status: StatusRow, vote: RemoteVote): RemoteVoteOutcome {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const poll = status.local && status.poll_id !== null ? getPoll(db, status.poll_id) : null;
    if (!poll) return "not_a_vote";
    const choice = pollTitles(poll).indexOf(vote.name);
    if (choice < 0) return vote.hasContent ? "not_a_vote" : "refused";
    if (pollExpired(poll, ctx.now())) return "refused";
    if (vote.voterId === poll.account_id || !canViewStatus(ctx, status, vote.voterId)) return "refused";
    const votedBefore = hasVotedInPoll(db, poll.id, vote.voterId);
    if (poll.multiple ? hasVotedForChoice(db, poll.id, vote.voterId, choice) : votedBefore) return "refused";
    const t = ctx.now();
    insertPollVote(db, { id: ctx.ids.next(), poll_id: poll.id, account_id: vote.voterId, choice, uri: vote.uri, created_at: t });
    const tallies = pollTallies(poll);
    tallies[choice] = (tallies[choice] ?? 0) + 1;
    recordPollVote(db, poll.id, JSON.stringify(tallies), !votedBefore, t);
    if (!poll.hide_totals) schedulePollUpdate(ctx, status.id);
    return "counted";
  });
}
