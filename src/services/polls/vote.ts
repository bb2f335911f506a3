/** Casting votes in a poll. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { canViewStatus } from "../../db/queries/visibility";
import { ApiError, notFound } from "../../model/errors";
import { pollExpired, pollTitles, pollTallies, type PollRow } from "../../serializers/mastodon/poll";
import { publishPollVotes, voteUri } from "../federation/accounts";

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
 * one Create(Note) per chosen option; a local poll's new counts go out as Update(Question).
 */
export function voteInPoll(ctx: AppContext, pollId: number, accountId: number, rawChoices: string[] | undefined): PollRow {
  return ctx.db.transaction(() => {
    const db = ctx.db;
    const poll = db.query<PollRow, [number]>("SELECT * FROM polls WHERE id = ?").get(pollId);
    if (!poll) throw notFound();
    const status = db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(poll.status_id);
    if (!status || !canViewStatus(ctx, status, accountId)) throw notFound();
    if (poll.account_id === accountId) throw fail("You cannot vote in your own poll");
    if (pollExpired(poll, ctx.now())) throw fail("The poll has already ended");
    if (db.query("SELECT 1 FROM poll_votes WHERE poll_id = ? AND account_id = ? LIMIT 1").get(pollId, accountId)) {
      throw fail("You have already voted on this poll");
    }
    const choices = parseChoices(rawChoices);
    const n = pollTitles(poll).length;
    if (choices.some((c) => c < 0 || c >= n)) throw fail("Choices contain an invalid option");
    if (new Set(choices).size !== choices.length) throw fail("Choices must not contain duplicate items");
    if (!poll.multiple && choices.length > 1) throw fail("You can only choose one option in this poll");
    const t = ctx.now();
    const ins = db.query("INSERT INTO poll_votes (id, poll_id, account_id, choice, uri, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    const tallies = pollTallies(poll);
    const titles = pollTitles(poll);
    const voterUri = status.local ? null : db.query<{ uri: string }, [number]>("SELECT uri FROM accounts WHERE id = ?").get(accountId)!.uri;
    const votes: { id: number; title: string }[] = [];
    for (const c of choices) {
      const id = ctx.ids.next();
      ins.run(id, pollId, accountId, c, voterUri === null ? null : voteUri(ctx, voterUri, id), t);
      votes.push({ id, title: titles[c]! });
      tallies[c] = (tallies[c] ?? 0) + 1;
    }
    const updated = db
      .query<PollRow, [string, number, number, number]>(
        "UPDATE polls SET tallies = ?, votes_count = votes_count + ?, voters_count = voters_count + 1, updated_at = ? WHERE id = ? RETURNING *",
      )
      .get(JSON.stringify(tallies), choices.length, t, pollId)!;
    publishPollVotes(ctx, accountId, status, votes);
    return updated;
  }).immediate();
}
