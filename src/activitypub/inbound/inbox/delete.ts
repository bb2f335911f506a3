/**
 * Delete: of the actor's own status or boost (removed through the local delete path, not
 * federated again; a tombstone stops a late Create), or of the actor itself (the account,
 * its statuses and everything hanging off them are removed), or of a QuoteAuthorization the
 * actor granted (the quote it approved is revoked, FEP-044f).
 */
import type { AppContext } from "../../../context";
import { getStatusByUri } from "../../../db/queries/statuses";
import type { StatusRow } from "../../../db/rows";
import { purgeAccount } from "../../../services/registrations/delete-local-account";
import { removeStatusRow } from "../../../services/statuses/delete";
import { revokeByAuthorization } from "../../../services/quotes/federation";
import { addTombstone, idOf, inTransaction, sameOrigin, type Activity, type InboxContext } from "./util";

/** Inbox handler for Delete activities (see the file comment); ignores what it cannot use. */
export async function onDelete(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const id = idOf(a.object);
  if (!id) return;
  if (id === actor.uri) {
    inTransaction(ctx, () => purgeAccount(ctx, actor.id));
    return;
  }
  if (revokeByAuthorization(ctx, id, actor)) return;
  inTransaction(ctx, () => {
    const s = getStatusByUri(ctx.db, id);
    if (s && s.account_id !== actor.id) return;
    if (s) removeStatusRow(ctx, s);
    if (sameOrigin(id, actor.uri)) addTombstone(ctx, id, actor.id);
  });
}
