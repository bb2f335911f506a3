/** `ap.inbox`: processes one verified incoming activity (stored by the inbox routes). */
import { processInboxJob } from "../../activitypub/inbound/inbox/process";
import { defineJob } from "../runner";

defineJob("ap.inbox", async (ctx, payload) => {
  await processInboxJob(ctx, payload);
});
