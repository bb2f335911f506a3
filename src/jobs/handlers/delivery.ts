/**
 * ActivityPub delivery jobs: `ap.fanout` turns one activity into one `ap.deliver` job per
 * unique remote inbox; `ap.deliver` signs and POSTs it, retried with the queue's backoff.
 */
import {
  hostKey,
  isHostUnavailable,
  markHostAlive,
  recordHostFailure,
  unavailableHosts,
  type DeliverPayload,
  type FanoutPayload,
} from "../../activitypub/outbound/delivery";
import { domainPolicy } from "../../activitypub/outbound/domain-policy";
import { FetchError, localSigningKey, safeFetch } from "../../activitypub/outbound/fetch";
import type { AppContext } from "../../context";
import { listRemoteAccountInboxes } from "../../db/queries/accounts-remote";
import { listRemoteFollowerInboxRows } from "../../db/queries/follows";
import { transaction } from "../../db/transaction";
import { isLocalDomain } from "../../model/uris";

/** The unique inboxes a fan-out goes to, minus our own host, suspended and unavailable hosts. */
function fanoutInboxes(ctx: AppContext, p: FanoutPayload): string[] {
  const out = new Set<string>();
  const dead = unavailableHosts(ctx);
  const suspended = new Map<string, boolean>();
  const allowed = (url: string | null | undefined, domain?: string): url is string => {
    if (!url) return false;
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      return false;
    }
    if (isLocalDomain(ctx.config, host) || dead.has(host)) return false;
    for (const h of domain ? [host, domain.toLowerCase()] : [host]) {
      if (!suspended.has(h)) suspended.set(h, domainPolicy(ctx, h)?.severity === "suspend");
      if (suspended.get(h)) return false;
    }
    return true;
  };
  if (p.followers) {
    for (const r of listRemoteFollowerInboxRows(ctx.db, p.senderId)) {
      const inbox = r.shared_inbox_url || r.inbox_url;
      if (allowed(inbox, r.domain)) out.add(inbox);
    }
  }
  if (p.accountIds?.length) {
    const rows = listRemoteAccountInboxes(ctx.db, p.accountIds);
    // One recipient behind a shared inbox gets its personal inbox (as Mastodon does for
    // Follow, Block, Accept…); several on one server share a single delivery.
    const perShared = new Map<string, number>();
    for (const r of rows) if (r.shared_inbox_url) perShared.set(r.shared_inbox_url, (perShared.get(r.shared_inbox_url) ?? 0) + 1);
    for (const r of rows) {
      const shared = r.shared_inbox_url;
      const inbox = shared && (out.has(shared) || perShared.get(shared)! > 1 || !r.inbox_url) ? shared : r.inbox_url;
      if (allowed(inbox, r.domain)) out.add(inbox);
    }
  }
  for (const inbox of p.inboxes ?? []) if (allowed(inbox)) out.add(inbox);
  return [...out];
}

/** ap.fanout: one `ap.deliver` job per unique inbox, enqueued in one transaction. */
export function runFanout(ctx: AppContext, p: FanoutPayload): void {
  if (!localSigningKey(ctx, p.senderId)) return; // the sender is gone: nothing to sign with
  const inboxes = fanoutInboxes(ctx, p);
  if (!inboxes.length) return;
  transaction(ctx.db, () => {
    for (const inbox of inboxes) {
      const d: DeliverPayload = { senderId: p.senderId, inbox, activity: p.activity };
      ctx.jobs.enqueue("ap.deliver", d);
    }
  });
}

/** Mastodon's rule: 4xx other than 401/408/429, and 501, will never work; everything else may. */
function unsalvageable(status: number): boolean {
  return status === 501 || (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429);
}

/** ap.deliver: signs and POSTs one activity to one inbox; a failure that may pass throws to retry. */
export async function runDeliver(ctx: AppContext, p: DeliverPayload): Promise<void> {
  const host = hostKey(p.inbox);
  if (domainPolicy(ctx, host)?.severity === "suspend" || isHostUnavailable(ctx, host)) return;
  const key = localSigningKey(ctx, p.senderId);
  if (!key) return;
  let status: number;
  try {
    const res = await safeFetch(ctx, p.inbox, {
      method: "POST",
      headers: { "Content-Type": "application/activity+json", Accept: "application/activity+json, application/ld+json" },
      body: JSON.stringify(p.activity),
      signer: key,
      maxRedirects: 0,
      skipBody: true,
    });
    status = res.status;
  } catch (e) {
    if (e instanceof FetchError && e.permanent) {
      ctx.log.warn(`ap.deliver to ${p.inbox} dropped: ${e.message}`);
      return;
    }
    recordHostFailure(ctx, host);
    throw e;
  }
  if ((status >= 200 && status < 300) || unsalvageable(status)) {
    markHostAlive(ctx, host);
    if (status >= 300) ctx.log.info(`ap.deliver to ${p.inbox} dropped: answered ${status}`);
    return;
  }
  recordHostFailure(ctx, host);
  throw new Error(`POST ${p.inbox} answered ${status}`);
}
