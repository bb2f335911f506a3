/**
 * Processing one accepted activity (the `ap.inbox` job): loads the signer and dispatches by
 * type to one handler per activity. Unknown types are ignored, never an error.
 */
import type { AppContext } from "../../../context";
import { getAccount } from "../../../db/queries/accounts";
import type { AccountRow } from "../../../db/rows";
import { onAccept } from "./accept";
import { onAdd, onRemove } from "./add-remove";
import { onAnnounce } from "./announce";
import { onBlock } from "./block";
import { onCreate } from "./create";
import { onDelete } from "./delete";
import { onFlag } from "./flag";
import { onFollow } from "./follow";
import { onLike } from "./like";
import { onMove } from "./move";
import { onQuoteRequest } from "./quote-request";
import type { InboxJob } from "./receive";
import { onReject } from "./reject";
import { onUndo } from "./undo";
import { onUpdate } from "./update";
import { typeOf, type InboxHandler } from "./util";

/** Handlers by activity type. */
export const INBOX_HANDLERS: Record<string, InboxHandler> = {
  Follow: onFollow,
  Accept: onAccept,
  Reject: onReject,
  Undo: onUndo,
  Create: onCreate,
  Update: onUpdate,
  Delete: onDelete,
  Like: onLike,
  EmojiReact: onLike,
  Announce: onAnnounce,
  Block: onBlock,
  Flag: onFlag,
  Move: onMove,
  Add: onAdd,
  Remove: onRemove,
  QuoteRequest: onQuoteRequest,
};

/** Runs the handler for the job's activity; returns false when the activity was ignored unread. */
export async function processInboxJob(ctx: AppContext, job: InboxJob): Promise<boolean> {
  const actor = getAccount(ctx.db, job.signerAccountId);
  // The signer vanished (deleted since) or was suspended: nothing it sent still counts.
  if (!actor || actor.suspended_at !== null) return false;
  const type = typeOf(job.activity);
  const handler = type && Object.hasOwn(INBOX_HANDLERS, type) ? INBOX_HANDLERS[type] : undefined;
  if (!handler) return false;
  await handler(ctx, job.activity, { actor, recipientUsername: job.recipientUsername });
  return true;
}
