/** The masto.js REST client for the signed-in user, and the instance's public description. */
import { createRestAPIClient, type mastodon } from "masto";

export type Client = mastodon.rest.Client;
export type Status = mastodon.v1.Status;
export type Account = mastodon.v1.Account;
export type Notification = mastodon.v1.Notification;
export type Instance = mastodon.v2.Instance;

/** A REST client for this origin; without a token it can read public endpoints only. */
export function makeClient(accessToken?: string): Client {
  return createRestAPIClient({ url: location.origin, accessToken, timeout: 30_000 });
}

/** Limits the composer checks against, from /api/v2/instance with Mastodon's defaults. */
export interface Limits {
  maxCharacters: number;
  urlLength: number;
  maxMedia: number;
}

/** Reads the posting limits from the instance description. */
export function limitsOf(instance: Instance | null): Limits {
  const c = instance?.configuration as any;
  return {
    maxCharacters: c?.statuses?.maxCharacters ?? 500,
    urlLength: c?.statuses?.charactersReservedPerUrl ?? 23,
    maxMedia: c?.statuses?.maxMediaAttachments ?? 4,
  };
}

/** The WebSocket base URL for streaming (the instance's, or this origin's). */
export function streamingBase(instance: Instance | null): string {
  const u = (instance?.configuration as any)?.urls?.streaming as string | undefined;
  if (u) return u.replace(/\/$/, "");
  return location.origin.replace(/^http/, "ws");
}

/** Converts snake_case keys (raw streaming payloads) to masto.js's camelCase entities. */
export function camelize<T = any>(v: any): T {
  if (Array.isArray(v)) return v.map(camelize) as T;
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = camelize(x);
    return out as T;
  }
  return v as T;
}
