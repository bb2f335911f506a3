/** Casting votes in a poll. */
import type { AppContext } from "../../context";
import { getAccountUri } from "../../db/queries/accounts";
import { hasVotedInPoll, insertPollVote } from "../../db/queries/poll-votes";
import { getPoll, recordPollVoter } from "../../db/queries/polls";
import { getStatus } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { canViewStatus } from "../../db/queries/visibility";
import { ApiError, notFound } from "../../model/errors";
import { pollExpired, pollTitles, pollTallies, type PollRow } from "../../serializers/mastodon/poll";
import { publishPollVotes, voteUri } from "../federation/accounts";
import { schedulePollUpdate } from "./distribute";

const fail = (msg: string) => new ApiError(422, `Validation failed: ${msg}`);

/** Parses `choices[]` strings into option indexes; 422 on anything that is not a whole number. */
export function parseChoices(raw: string[] | undefined): number[] {
  if (!raw || raw.length === 0) throw fail("Choices can't be blank");
  return raw.map((c) => {
    if (!/^\d{1,3}$/.test(c.trim())) throw fail("Choices must be option indexes");
    return Number(c.trim());
  });
}

/**
 * Records `accountId`'s votes in poll `pollId` and updates its tallies in one transaction.
 * `rawChoices` are the `choices[]` strings. 404 when the poll's status is invisible to the voter; 422 for own, ended or already
 * voted polls and for bad choices. Returns the updated poll row. A remote poll's author gets
 * one Create(Note) per chosen option; a local poll's new counts go out as Update(Question) a few
 * minutes later, one per poll however many votes come in between (schedulePollUpdate).
 */
export function voteInPoll(ctx: AppContext, pollId: number, accountId: number, rawChoices: string[] | undefined): PollRow {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const poll = getPoll(db, pollId);
    if (!poll) throw notFound();
    const status = getStatus(db, poll.status_id);
    if (!status || !canViewStatus(ctx, status, accountId)) throw notFound();
    if (poll.account_id === accountId) throw fail("You cannot vote in your own poll");
    if (pollExpired(poll, ctx.now())) throw fail("The poll has already ended");
    if (hasVotedInPoll(db, pollId, accountId)) {
      throw fail("You have already voted on this poll");
    }
    const choices = parseChoices(rawChoices);
    const n = pollTitles(poll).length;
    if (choices.some((c) => c < 0 || c >= n)) throw fail("Choices contain an invalid option");
    if (new Set(choices).size !== choices.length) throw fail("Choices must not contain duplicate items");
    if (!poll.multiple && choices.length > 1) throw fail("You can only choose one option in this poll");
    const t = ctx.now();
    const tallies = pollTallies(poll);
    const titles = pollTitles(poll);
    const voterUri = status.local ? null : getAccountUri(db, accountId)!;
    const votes: { id: number; title: string }[] = [];
    for (const c of choices) {
      const id = ctx.ids.next();
      insertPollVote(db, {
        id,
        poll_id: pollId,
        account_id: accountId,
        choice: c,
        uri: voterUri === null ? null : voteUri(ctx, voterUri, id),
        created_at: t,
      });
      votes.push({ id, title: titles[c]! });
      tallies[c] = (tallies[c] ?? 0) + 1;
    }
    const updated = recordPollVoter(db, pollId, JSON.stringify(tallies), choices.length, t);
    if (!status.local) publishPollVotes(ctx, accountId, status, votes);
    else if (!poll.hide_totals) schedulePollUpdate(ctx, status.id);
    return updated;
  });
}
