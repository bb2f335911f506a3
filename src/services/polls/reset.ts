/** Replacing, resetting or removing the poll of an edited status, as Mastodon's UpdateStatusService does. */
import type { AppContext } from "../../context";
import { deletePollVotes } from "../../db/queries/poll-votes";
import { clearPollTallies, deletePoll, getPollByStatus, updatePollSettings } from "../../db/queries/polls";
import { getStatusAccountId, setStatusPollId } from "../../db/queries/statuses";
import { pollTitles } from "../../serializers/mastodon/poll";
import { createPollForStatus, enqueueExpiry } from "./create";
import { isValidatedPollInput, validatePollInput } from "./validate";

/**
 * Applies an edit's poll to status `statusId`. With no input the old poll is deleted and
 * `statuses.poll_id` cleared. Otherwise the poll keeps its id; when the options or
 * `multiple` change all votes are discarded. The expiry restarts from now and a new
 * `poll.expire` job is enqueued (the old one sees a different expiry and does nothing).
 * Call inside the edit service's transaction. Returns the poll id or null.
 */
export function resetPoll(ctx: AppContext, statusId: number, input: unknown | null | undefined): number | null {
  const db = ctx.db;
  const old = getPollByStatus(db, statusId);
  if (input === null || input === undefined) {
    if (old) deletePoll(db, old.id);
    setStatusPollId(db, statusId, null);
    return null;
  }
  const p = isValidatedPollInput(input) ? input : validatePollInput(input);
  if (!old) {
    const authorId = getStatusAccountId(db, statusId);
    if (authorId === null) return null;
    return createPollForStatus(ctx, statusId, authorId, p);
  }
  const now = ctx.now();
  const expiresAt = now + p.expiresIn * 1000;
  const changed = JSON.stringify(pollTitles(old)) !== JSON.stringify(p.options) || !!old.multiple !== p.multiple;
  if (changed) {
    deletePollVotes(db, old.id);
    clearPollTallies(db, old.id, JSON.stringify(p.options.map(() => 0)));
  }
  updatePollSettings(db, old.id, {
    options: JSON.stringify(p.options.map((title) => ({ title }))),
    multiple: p.multiple ? 1 : 0,
    hide_totals: p.hideTotals ? 1 : 0,
    expires_at: expiresAt,
    updated_at: now,
  });
  setStatusPollId(db, statusId, old.id);
  enqueueExpiry(ctx, old.id, expiresAt);
  return old.id;
}
