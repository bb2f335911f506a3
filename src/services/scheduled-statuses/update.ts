/** Moving a scheduled status to another time (PUT /api/v1/scheduled_statuses/:id). */
import type { AppContext } from "../../context";
import { setScheduledAt } from "../../db/queries/scheduled-statuses";
import { transaction } from "../../db/transaction";
import { findOwnScheduledStatus, checkSchedule, parseScheduledAt } from "./rules";
import { PUBLISH_JOB } from "./schedule";

/**
 * Sets a new `scheduled_at` (same rules as scheduling) and enqueues a publish job for it; the
 * job for the old time finds the status not yet due and does nothing. 404 for others' ids.
 */
export function rescheduleStatus(ctx: AppContext, accountId: number, rawId: unknown, rawAt: string | undefined): number {
  return transaction(ctx.db, () => {
    const row = findOwnScheduledStatus(ctx, accountId, rawId);
    if (rawAt === undefined || rawAt.trim() === "") return row.id;
    const at = parseScheduledAt(rawAt);
    if (at === row.scheduled_at) return row.id;
    checkSchedule(ctx, accountId, at, row.id);
    setScheduledAt(ctx.db, row.id, at);
    ctx.jobs.enqueue(PUBLISH_JOB, { id: row.id }, { runAt: at });
    return row.id;
  });
}
