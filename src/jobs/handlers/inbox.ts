/** `ap.inbox`: processes one verified incoming activity (stored by the inbox routes). */
import { processInboxJob } from "../../activitypub/inbound/inbox/process";
import type { InboxJob } from "../../activitypub/inbound/inbox/receive";
import type { AppContext } from "../../context";

/** ap.inbox {activity, signerAccountId, recipientUsername?}: handles one stored incoming activity. */
export async function runApInbox(ctx: AppContext, payload: InboxJob): Promise<void> {
  await processInboxJob(ctx, payload);
}
