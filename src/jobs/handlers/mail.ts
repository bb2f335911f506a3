/** Mail jobs: send one built message over SMTP; the daily digest sweep. */
import type { AppContext } from "../../context";
import type { MailMessage } from "../../mail/transport";
import { queueDigests } from "../../services/mail/digests";

/** Sends one message; throws (so the job retries with backoff) when the SMTP server is down or refuses it. */
export async function runMailSend(ctx: AppContext, msg: MailMessage): Promise<void> {
  // Queued while SMTP was configured; kept (retrying) until it is configured again rather than dropped.
  if (!ctx.mailer) throw new Error("SMTP_SERVER is not set: mail waits until it is");
  await ctx.mailer.send(msg);
}

/** Enqueues the day's notification digests. */
export function runMailDigestSweep(ctx: AppContext): void {
  const n = queueDigests(ctx);
  if (n) ctx.log.info(`mail: ${n} notification digest(s) queued`);
}
