/** Creates the poll of a new local status. Call inside the status service's transaction. */
import type { AppContext } from "../../context";
import { insertPoll } from "../../db/queries/polls";
import { setStatusPollId } from "../../db/queries/statuses";
import { isValidatedPollInput, validatePollInput } from "./validate";

/**
 * Validates `input` (raw `poll` param or a PollInput), inserts the poll, sets
 * `statuses.poll_id` and enqueues `poll.expire` at the expiry time. Returns the poll id.
 * Must run inside the caller's transaction (it opens none, so the status and poll commit together).
 */
export function createPollForStatus(ctx: AppContext, statusId: number, accountId: number, input: unknown): number {
  const p = isValidatedPollInput(input) ? input : validatePollInput(input);
  const now = ctx.now();
  const id = ctx.ids.next();
  const expiresAt = now + p.expiresIn * 1000;
  insertPoll(ctx.db, {
    id,
    status_id: statusId,
    account_id: accountId,
    options: JSON.stringify(p.options.map((title) => ({ title }))),
    tallies: JSON.stringify(p.options.map(() => 0)),
    multiple: p.multiple ? 1 : 0,
    hide_totals: p.hideTotals ? 1 : 0,
    expires_at: expiresAt,
    created_at: now,
    updated_at: now,
  });
  setStatusPollId(ctx.db, statusId, id);
  enqueueExpiry(ctx, id, expiresAt);
  return id;
}

/** Enqueues the `poll.expire` job that notifies voters and the author when the poll ends. */
export function enqueueExpiry(ctx: AppContext, pollId: number, expiresAt: number): void {
  ctx.jobs.enqueue("poll.expire", { pollId, expiresAt }, { runAt: expiresAt });
}
