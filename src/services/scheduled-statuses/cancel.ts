/** Cancelling a scheduled status (DELETE /api/v1/scheduled_statuses/:id). */
import type { AppContext } from "../../context";
import { releaseScheduledStatusMedia } from "../../db/queries/media-attachments";
import { deleteScheduledStatus } from "../../db/queries/scheduled-statuses";
import { transaction } from "../../db/transaction";
import { findOwnScheduledStatus } from "./rules";

/**
 * Deletes the account's scheduled status; its uploads become unattached again (and go with the
 * daily cleanup unless reused). Its publish job later finds nothing to do. 404 for others' ids.
 */
export function cancelScheduledStatus(ctx: AppContext, accountId: number, rawId: unknown): void {
  transaction(ctx.db, () => {
    const row = findOwnScheduledStatus(ctx, accountId, rawId);
    releaseScheduledStatusMedia(ctx.db, row.id, ctx.now());
    deleteScheduledStatus(ctx.db, row.id);
  });
}
