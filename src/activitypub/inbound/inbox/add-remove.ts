/**
 * Add/Remove of the actor's own status to/from its `featured` collection: pin and unpin.
 * (Remote accounts are not held to the local pin limit.)
 */
import type { AppContext } from "../../../context";
import { deleteStatusPin, insertStatusPinIfMissing } from "../../../db/queries/status-pins";
import type { StatusRow } from "../../../db/rows";
import { resolveStatusByUri } from "../../../services/federation/resolve-status";
import { idOf, inTransaction, sameOrigin, statusByUri, type Activity, type InboxContext } from "./util";

function toFeatured(a: Activity, ic: InboxContext): boolean {
  const target = idOf(a.target);
  return !!target && !!ic.actor.featured_url && target === ic.actor.featured_url;
}

/** Inbox handler for Add activities (see the file comment); ignores what it cannot use. */
export async function onAdd(ctx: AppContext, a: Activity, ic: InboxContext): Promise<void> {
  const uri = idOf(a.object);
  if (!uri || !toFeatured(a, ic) || !sameOrigin(uri, ic.actor.uri)) return;
  let s: StatusRow | null = statusByUri(ctx, uri);
  if (!s) {
    try {
      s = await resolveStatusByUri(ctx, uri);
    } catch {
      s = null;
    }
  }
  if (!s || s.account_id !== ic.actor.id || s.reblog_of_id !== null) return;
  const statusId = s.id;
  inTransaction(ctx, () => {
    insertStatusPinIfMissing(ctx.db, { id: ctx.ids.next(), account_id: ic.actor.id, status_id: statusId, created_at: ctx.now() });
  });
}

/** Inbox handler for Remove activities (see the file comment); ignores what it cannot use. */
export async function onRemove(ctx: AppContext, a: Activity, ic: InboxContext): Promise<void> {
  if (!toFeatured(a, ic)) return;
  const s = statusByUri(ctx, idOf(a.object));
  if (!s || s.account_id !== ic.actor.id) return;
  inTransaction(ctx, () => {
    deleteStatusPin(ctx.db, ic.actor.id, s.id);
  });
}
