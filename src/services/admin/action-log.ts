/** The audit log: every staff change is recorded in the same transaction as the change (Mastodon's Admin::ActionLog). */
import type { AppContext } from "../../context";
import { insertAdminActionLog } from "../../db/queries/admin-action-logs";

/** Who acted: an account id, or null for the operator at the command line. */
export type Actor = number | null;

/**
 * Records `action` (create, update, destroy, …) by `actor` on `targetType`/`targetId`, with a
 * human-readable identifier kept after the target is gone. Call inside the writing transaction.
 */
export function logAdminAction(
  ctx: AppContext,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string | number | null,
  humanIdentifier: string | null,
): void {
  insertAdminActionLog(ctx.db, {
    id: ctx.ids.next(),
    account_id: actor,
    action,
    target_type: targetType,
    target_id: targetId === null ? null : String(targetId),
    human_identifier: humanIdentifier,
    created_at: ctx.now(),
  });
}
