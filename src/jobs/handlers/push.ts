/** Web Push jobs: one encrypted message per notification per subscription (services/push/send.ts). */
import type { AppContext } from "../../context";
import type { JobRow } from "../../db/job-queue";
import { deliverWebPush, type WebPushJob } from "../../services/push/send";

/** Tries per message, as Mastodon's push worker (the first and 5 retries, about 25 minutes in all). */
const MAX_PUSH_ATTEMPTS = 6;

/** push.deliver {subscriptionId, notificationId}: a failure is retried with backoff, then dropped (the TTL would lapse anyway). */
export async function runPushDeliver(ctx: AppContext, p: WebPushJob, job: JobRow): Promise<void> {
  try {
    await deliverWebPush(ctx, p);
  } catch (e) {
    if (job.attempts < MAX_PUSH_ATTEMPTS) throw e;
    ctx.log.warn(`push ${p.notificationId} to subscription ${p.subscriptionId} dropped after ${job.attempts} tries: ${String(e)}`);
  }
}
