/** Replacing, resetting or removing the poll of an edited status, as Mastodon's UpdateStatusService does. */
import type { AppContext } from "../../context";
import type { PollRow } from "../../serializers/mastodon/poll";
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
  const old = db.query<PollRow, [number]>("SELECT * FROM polls WHERE status_id = ?").get(statusId);
  if (input === null || input === undefined) {
    if (old) db.query("DELETE FROM polls WHERE id = ?").run(old.id);
    db.query("UPDATE statuses SET poll_id = NULL WHERE id = ?").run(statusId);
    return null;
  }
  const p = isValidatedPollInput(input) ? input : validatePollInput(input);
  if (!old) {
    const acc = db.query<{ account_id: number }, [number]>("SELECT account_id FROM statuses WHERE id = ?").get(statusId);
    if (!acc) return null;
    return createPollForStatus(ctx, statusId, acc.account_id, p);
  }
  const now = ctx.now();
  const expiresAt = now + p.expiresIn * 1000;
  const changed = JSON.stringify(pollTitles(old)) !== JSON.stringify(p.options) || !!old.multiple !== p.multiple;
  if (changed) {
    db.query("DELETE FROM poll_votes WHERE poll_id = ?").run(old.id);
    db.query("UPDATE polls SET tallies = ?, votes_count = 0, voters_count = 0 WHERE id = ?").run(JSON.stringify(p.options.map(() => 0)), old.id);
  }
  db.query("UPDATE polls SET options = ?, multiple = ?, hide_totals = ?, expires_at = ?, updated_at = ? WHERE id = ?")
    .run(JSON.stringify(p.options.map((title) => ({ title }))), p.multiple ? 1 : 0, p.hideTotals ? 1 : 0, expiresAt, now, old.id);
  db.query("UPDATE statuses SET poll_id = ? WHERE id = ?").run(old.id, statusId);
  enqueueExpiry(ctx, old.id, expiresAt);
  return old.id;
}
