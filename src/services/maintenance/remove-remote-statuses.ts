/**
 * REMOTE_STATUS_RETENTION_DAYS (and `hearth admin statuses remove-remote`): removes remote
 * statuses older than the cutoff that no local account interacted with, by the rules of
 * `tootctl statuses remove` plus a local home feed's window (db/queries/remote-status-retention.ts).
 * Works in small transactions so the server keeps answering; the removed statuses' attachments
 * go with them (rows and files).
 */
import type { AppContext } from "../../context";
import { deleteRemovableRemoteStatuses, scanRemovableRemoteStatuses } from "../../db/queries/remote-status-retention";
import { transaction } from "../../db/transaction";
import { SEQ } from "../../model/ids";
import { removeUnattachedMedia } from "../media/cleanup";

const DAY = 24 * 60 * 60 * 1000;
const SCAN = 500;

/** What a run did. */
export interface RemoteStatusRemoval {
  scanned: number;
  removed: number;
  mediaRemoved: number;
}

/** Removes the remote statuses older than `days` that nothing local refers to. */
export async function removeRemoteStatuses(ctx: AppContext, days: number): Promise<RemoteStatusRemoval> {
  const beforeId = (ctx.now() - days * DAY) * SEQ;
  let after = 0;
  let scanned = 0;
  let removed = 0;
  for (;;) {
    const batch = scanRemovableRemoteStatuses(ctx.db, after, beforeId, SCAN);
    if (batch.lastId === null) break;
    scanned += batch.scanned;
    after = batch.lastId;
    if (batch.ids.length) removed += transaction(ctx.db, () => deleteRemovableRemoteStatuses(ctx.db, batch.ids, beforeId)).length;
    // Let requests in between batches.
    await new Promise((r) => setTimeout(r, 0));
  }
  // Their attachments are now unattached and older than a day: rows and files go now.
  const mediaRemoved = removed ? await removeUnattachedMedia(ctx) : 0;
  return { scanned, removed, mediaRemoved };
}
