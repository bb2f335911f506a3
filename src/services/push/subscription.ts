/**
 * /api/v1/push/subscription as Mastodon: one Web Push subscription per access token (a new one
 * replaces it), its alerts and policy, checked before anything is stored (422 otherwise).
 */
import type { AppContext } from "../../context";
import { FetchError, checkUrl } from "../../activitypub/outbound/fetch";
import {
  getWebPushSubscriptionOfToken,
  deleteWebPushSubscriptionsOfTokens,
  replaceWebPushSubscription,
  updateWebPushSubscriptionData,
  type WebPushSubscriptionRow,
} from "../../db/queries/web-push-subscriptions";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import type { Params } from "../../model/params";
import { PUSH_ALERT_TYPES, PUSH_POLICIES } from "../../model/web-push";
import { decodeBase64Url, isP256Point } from "./crypto";

const invalid = (what: string) => new ApiError(422, `Validation failed: ${what}`);

/** The longest endpoint URL accepted (push services' URLs are a few hundred characters). */
const MAX_ENDPOINT = 2048;

/** What `data` sets: the alerts switched on and the policy. */
export interface PushData {
  alerts: Record<string, boolean>;
  policy: string;
}

/** ActiveModel's boolean cast, which Mastodon applies to alerts: false, 0, f, off (and blank) are false. */
function castBool(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0) return false;
  if (typeof v === "string") return !["", "0", "f", "false", "off"].includes(v.trim().toLowerCase());
  return true;
}

/**
 * Reads `data[alerts][<type>]` and `data[policy]` (a root `policy` as masto.js sends it counts
 * when `data[policy]` is absent). `alerts[admin][sign_up]`, as camel-cased clients nest it, counts
 * as `admin.sign_up`. Omitted alerts are off and an omitted policy is `all`, as in Mastodon.
 */
export function readPushData(input: Params): PushData {
  const data = input.data && typeof input.data === "object" ? (input.data as Record<string, unknown>) : {};
  const raw = data.alerts && typeof data.alerts === "object" ? (data.alerts as Record<string, unknown>) : {};
  const admin = raw.admin && typeof raw.admin === "object" ? (raw.admin as Record<string, unknown>) : {};
  const alerts: Record<string, boolean> = {};
  for (const t of PUSH_ALERT_TYPES) {
    const v = t.startsWith("admin.") && raw[t] === undefined ? admin[t.slice(6)] : raw[t];
    if (castBool(v)) alerts[t] = true;
  }
  const p = data.policy ?? input.policy;
  if (p !== undefined && p !== null && p !== "" && typeof p !== "string") throw invalid("Policy is not included in the list");
  const policy = typeof p === "string" && p !== "" ? p : "all";
  if (!(PUSH_POLICIES as readonly string[]).includes(policy)) throw invalid("Policy is not included in the list");
  return { alerts, policy };
}

/** The subscription's fixed part: where to send and with which keys. */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
  standard: boolean;
}

/**
 * Reads and checks `subscription[endpoint]`, `[keys][p256dh]`, `[keys][auth]` and `[standard]`:
 * the endpoint an https URL (http only with ALLOW_PRIVATE_ADDRESSES) that does not name or resolve
 * to a private address; p256dh a 65-byte uncompressed P-256 point, auth 16 bytes (base64url,
 * padded or not). Keys are stored unpadded base64url.
 */
export async function readPushTarget(ctx: AppContext, input: Params): Promise<PushTarget> {
  const sub = input.subscription;
  if (!sub || typeof sub !== "object" || Array.isArray(sub)) throw invalid("Subscription can't be blank");
  const s = sub as Record<string, unknown>;
  const keys = s.keys && typeof s.keys === "object" ? (s.keys as Record<string, unknown>) : {};
  if (typeof s.endpoint !== "string" || !s.endpoint.trim()) throw invalid("Endpoint can't be blank");
  const endpoint = s.endpoint.trim();
  if (endpoint.length > MAX_ENDPOINT) throw invalid("Endpoint is too long");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid("Endpoint is not a valid URL");
  }
  const allowPrivate = ctx.config.allowPrivateAddresses;
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw invalid("Endpoint is not a valid URL");
  if (url.username || url.password || !url.hostname) throw invalid("Endpoint is not a valid URL");
  if (!allowPrivate) {
    try {
      await checkUrl(ctx, url);
    } catch (e) {
      // A refusal by policy (private address, blocked domain) is final; a name that does not
      // resolve right now is left to delivery, which checks again before every request.
      if (!(e instanceof FetchError) || e.permanent) throw invalid("Endpoint is not a valid URL");
    }
  }
  const p256dh = typeof keys.p256dh === "string" ? decodeBase64Url(keys.p256dh) : null;
  if (!p256dh || !isP256Point(p256dh)) throw invalid("Key p256dh is invalid");
  const auth = typeof keys.auth === "string" ? decodeBase64Url(keys.auth) : null;
  if (!auth || auth.length !== 16) throw invalid("Key auth is invalid");
  const standard = s.standard === undefined || s.standard === null ? false : castBool(s.standard);
  return { endpoint, p256dh: p256dh.toString("base64url"), auth: auth.toString("base64url"), standard };
}

/** Creates token `tokenId`'s subscription, replacing the one it had (Mastodon: one per token). */
export function createWebPushSubscription(
  ctx: AppContext,
  owner: { tokenId: number; userId: number },
  target: PushTarget,
  data: PushData,
): WebPushSubscriptionRow {
  const t = ctx.now();
  return transaction(ctx.db, () =>
    replaceWebPushSubscription(ctx.db, {
      id: ctx.ids.next(),
      access_token_id: owner.tokenId,
      user_id: owner.userId,
      endpoint: target.endpoint,
      key_p256dh: target.p256dh,
      key_auth: target.auth,
      standard: target.standard ? 1 : 0,
      alerts: JSON.stringify(data.alerts),
      policy: data.policy,
      created_at: t,
      updated_at: t,
    }),
  );
}

/** Token `tokenId`'s subscription; 404 when it has none. */
export function findWebPushSubscription(ctx: AppContext, tokenId: number): WebPushSubscriptionRow {
  const s = getWebPushSubscriptionOfToken(ctx.db, tokenId);
  if (!s) throw new ApiError(404, "Record not found");
  return s;
}

/** Replaces the alerts and policy of token `tokenId`'s subscription; 404 when it has none. */
export function updateWebPushSubscription(ctx: AppContext, tokenId: number, data: PushData): WebPushSubscriptionRow {
  return transaction(ctx.db, () => {
    const s = updateWebPushSubscriptionData(ctx.db, tokenId, JSON.stringify(data.alerts), data.policy, ctx.now());
    if (!s) throw new ApiError(404, "Record not found");
    return s;
  });
}

/** Removes token `tokenId`'s subscription (done whether or not it had one). */
export function deleteWebPushSubscriptionOfToken(ctx: AppContext, tokenId: number): void {
  transaction(ctx.db, () => deleteWebPushSubscriptionsOfTokens(ctx.db, [tokenId]));
}
