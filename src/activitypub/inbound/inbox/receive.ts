/**
 * Accepting an incoming activity (Mastodon's InboxesController + SignatureVerification):
 * size, JSON shape and nesting checks, HTTP signature verification with the signer equal to
 * the actor, domain policy, replay detection, then ONE durable `ap.inbox` job. Nothing else
 * is written here; processing happens in the job (src/activitypub/inbox/process.ts).
 */
import type { AppContext } from "../../../context";
import { markActivitySeen, pruneSeenActivities } from "../../../db/queries/inbox-seen";
import type { AccountRow } from "../../../db/rows";
import { ApiError } from "../../../model/errors";
import { MAX_BODY_BYTES } from "../../../http/params";
import { publicRequestUrl } from "../../../http/path";
import * as delivery from "../../outbound/delivery";
import { domainPolicy } from "../../outbound/domain-policy";
import { verifyRequest } from "../../outbound/signatures";
import { lookupSignerKey } from "./signer";
import { accountByUri, hostOf, idOf, sameOrigin, type Activity } from "./util";

/** Deepest JSON nesting accepted; real activities stay well under 10. */
export const MAX_JSON_DEPTH = 32;
/** How long accepted activity ids are remembered for replay detection. */
export const SEEN_TTL_MS = 7 * 24 * 3600 * 1000;

/** The payload of one `ap.inbox` job. */
export interface InboxJob {
  activity: Activity;
  signerAccountId: number;
  recipientUsername?: string;
}

/** True when `text` nests arrays/objects deeper than `max` (checked before JSON.parse). */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** Parses and shape-checks the body; throws 413/400 ApiErrors. */
export function parseActivity(raw: string | undefined): Activity {
  if (raw === undefined) throw new ApiError(400, "Invalid JSON body");
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new ApiError(413, "Request entity too large");
  if (jsonTooDeep(raw)) throw new ApiError(400, "JSON nested too deeply");
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new ApiError(400, "Invalid JSON body");
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new ApiError(400, "Activity must be a JSON object");
  const a = v as Activity;
  if (typeof a.type !== "string" && !(Array.isArray(a.type) && typeof a.type[0] === "string"))
    throw new ApiError(400, "Activity has no type");
  if (!idOf(a.actor)) throw new ApiError(400, "Activity has no actor");
  return a;
}

const lastPrune = new WeakMap<AppContext, number>();

/** Drops remembered activity ids older than SEEN_TTL_MS, at most once an hour per instance. */
function pruneSeen(ctx: AppContext): void {
  const t = ctx.now();
  if (t - (lastPrune.get(ctx) ?? 0) < 3600_000) return;
  lastPrune.set(ctx, t);
  pruneSeenActivities(ctx.db, t - SEEN_TTL_MS);
}

function suspended(ctx: AppContext, host: string | null): boolean {
  return !!host && domainPolicy(ctx, host)?.severity === "suspend";
}

/**
 * Verifies and stores one incoming activity. Returns "accepted" (job enqueued), or
 * "ignored" (replay, or a Delete of an unknown actor); throws ApiError 400/401/403/413.
 */
export async function receiveActivity(
  ctx: AppContext,
  req: { method: string; url: string; headers: Headers; rawBody: string | undefined; recipientUsername?: string },
): Promise<"accepted" | "ignored"> {
  const activity = parseActivity(req.rawBody);
  const actorUri = idOf(activity.actor)!;
  // A deleted account's key can no longer be fetched; Mastodon answers such Deletes 202 unread.
  if ((activity.type === "Delete" || activity.type === "Update") && idOf(activity.object) === actorUri && !accountByUri(ctx, actorUri))
    return "ignored";
  if (suspended(ctx, hostOf(actorUri))) throw new ApiError(403, "Instance is suspended");

  let signer: AccountRow | null = null;
  let blockedKeyHost = false;
  const result = await verifyRequest(
    { method: req.method, url: publicRequestUrl(req.url, ctx.config.protocol), headers: req.headers, body: req.rawBody! },
    async (keyId, refresh) => {
      if (suspended(ctx, hostOf(keyId))) {
        blockedKeyHost = true;
        return null;
      }
      signer = await lookupSignerKey(ctx, keyId, refresh);
      return signer?.public_key_pem ? { publicKeyPem: signer.public_key_pem, ownerUri: signer.uri } : null;
    },
    ctx.now(),
  );
  if (blockedKeyHost) throw new ApiError(403, "Instance is suspended");
  if (!result.ok) throw new ApiError(401, `Signature verification failed: ${result.reason}`);
  const account = (signer as AccountRow | null) ?? accountByUri(ctx, result.ownerUri);
  // Without LD signatures, only the actor itself may sign its activities (no relaying).
  if (!account || account.uri !== actorUri || result.ownerUri !== actorUri)
    throw new ApiError(401, "Signature does not match the activity's actor");
  if (account.suspended_at !== null) throw new ApiError(403, "Account is suspended");
  const host = hostOf(actorUri);
  const markAlive = (delivery as Record<string, unknown>).markHostAlive;
  if (host && typeof markAlive === "function") {
    try {
      markAlive(ctx, host);
    } catch {
      /* only a hint for the delivery tracker */
    }
  }

  // Only ids on the actor's own origin are remembered: nobody can pre-empt another server's ids.
  const activityId = typeof activity.id === "string" && sameOrigin(activity.id, actorUri) ? activity.id : null;
  const job: InboxJob = {
    activity,
    signerAccountId: account.id,
    ...(req.recipientUsername ? { recipientUsername: req.recipientUsername } : {}),
  };
  return ctx.db
    .transaction((): "accepted" | "ignored" => {
      if (activityId) {
        if (!markActivitySeen(ctx.db, activityId, ctx.now())) return "ignored";
      }
      ctx.jobs.enqueue("ap.inbox", job);
      pruneSeen(ctx);
      return "accepted";
    })
    .immediate();
}
