/**
 * Block of a local account by the actor: follows and requests both ways end, the block row
 * is stored (with the activity's id for a later Undo).
 */
import type { AppContext } from "../../../context";
import { setBlockUri } from "../../../db/queries/blocks";
import { blockAccount } from "../../../services/blocks/block";
import { idOf, inTransaction, localAccountByUri, type Activity, type InboxContext } from "./util";

/** Inbox handler for Block activities (see the file comment); ignores what it cannot use. */
export async function onBlock(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const target = localAccountByUri(ctx, idOf(a.object));
  if (!target) return;
  inTransaction(ctx, () => {
    blockAccount(ctx, actor.id, target);
    if (typeof a.id === "string") setBlockUri(ctx.db, actor.id, target.id, a.id);
  });
}
