/** Creates the poll of a new local status. Call inside the status service's transaction. */
import type { AppContext } from "../../context";
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
  ctx.db
    .query(
      `INSERT INTO polls (id, status_id, account_id, options, tallies, votes_count, voters_count, multiple, hide_totals, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)`,
    )
    .run(id, statusId, accountId, JSON.stringify(p.options.map((title) => ({ title }))), JSON.stringify(p.options.map(() => 0)),
      p.multiple ? 1 : 0, p.hideTotals ? 1 : 0, expiresAt, now, now);
  ctx.db.query("UPDATE statuses SET poll_id = ? WHERE id = ?").run(id, statusId);
  enqueueExpiry(ctx, id, expiresAt);
  return id;
}

/** Enqueues the `poll.expire` job that notifies voters and the author when the poll ends. */
export function enqueueExpiry(ctx: AppContext, pollId: number, expiresAt: number): void {
  ctx.jobs.enqueue("poll.expire", { pollId, expiresAt }, { runAt: expiresAt });
}

