/** Cancelling a scheduled status (DELETE /api/v1/scheduled_statuses/:id). */
import type { AppContext } from "../../context";
import { findOwnScheduledStatus } from "./rules";

/**
 * Deletes the account's scheduled status; its uploads become unattached again (and go with the
 * daily cleanup unless reused). Its publish job later finds nothing to do. 404 for others' ids.
 */
export function cancelScheduledStatus(ctx: AppContext, accountId: number, rawId: unknown): void {
  ctx.db.transaction(() => {
    const row = findOwnScheduledStatus(ctx, accountId, rawId);
    ctx.db.query("UPDATE media_attachments SET scheduled_status_id = NULL, updated_at = ? WHERE scheduled_status_id = ?").run(ctx.now(), row.id);
    ctx.db.query("DELETE FROM scheduled_statuses WHERE id = ?").run(row.id);
  }).immediate();
}
