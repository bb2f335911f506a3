/**
 * Mastodon's stream names → hub keys, with the checks Mastodon's streaming server makes
 * before subscribing: a user for private streams, scopes, a tag or list where needed.
 */
import type { AppContext } from "../context";
import { getOwnedList } from "../db/queries/lists";
import { covers } from "../model/scopes";

/** Who is connected: null viewer for logged-out (public streams only). */
export interface StreamAuth {
  viewerId: number | null;
  scopes: ReadonlySet<string>;
}

/** A subscription request refused, with the status Mastodon answers. */
export class StreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A resolved subscription: hub key and the `stream` array its events carry. */
export interface Channel {
  key: string;
  stream: string[];
}

/** Streams anyone may read (Mastodon's PUBLIC_CHANNELS). */
const PUBLIC_CHANNELS = new Set([
  "public",
  "public:media",
  "public:local",
  "public:local:media",
  "public:remote",
  "public:remote:media",
  "hashtag",
  "hashtag:local",
]);
const USER_CHANNELS = new Set(["user", "user:notification", "list", "direct"]);

/** Hub keys; the `update` publisher builds the same strings. */
export const keys = {
  user: (id: number) => `user:${id}`,
  notifications: (id: number) => `notif:${id}`,
  direct: (id: number) => `direct:${id}`,
  list: (id: string) => `list:${id}`,
  tag: (name: string, local: boolean) => `${local ? "tag:local" : "tag"}:${name}`,
};

/** Mastodon's hashtag normalization for stream names: no leading '#', NFKC, lower case. */
export function normalizeTag(tag: string): string {
  return tag.replace(/^#/, "").normalize("NFKC").toLowerCase();
}

/** True when the token may read `name` (Mastodon's checkScopes). */
function scopesAllow(name: string, scopes: ReadonlySet<string>): boolean {
  if (PUBLIC_CHANNELS.has(name)) return true;
  return covers(scopes, name === "user:notification" ? "read:notifications" : "read:statuses");
}

/**
 * Resolves a stream name and its params for `auth`; throws StreamError (400 unknown stream or
 * missing tag/list, 401 missing token or scope, 404 unknown list).
 */
export function resolveChannel(ctx: AppContext, name: string, params: { tag?: unknown; list?: unknown }, auth: StreamAuth): Channel {
  if (!PUBLIC_CHANNELS.has(name) && !USER_CHANNELS.has(name)) throw new StreamError(400, "Unknown stream type");
  if (USER_CHANNELS.has(name) && auth.viewerId === null) throw new StreamError(401, "Missing access token");
  if (!scopesAllow(name, auth.scopes) && auth.viewerId !== null)
    throw new StreamError(401, "Access token does not have the required scopes");
  const viewer = auth.viewerId!;
  switch (name) {
    case "user":
      return { key: keys.user(viewer), stream: [name] };
    case "user:notification":
      return { key: keys.notifications(viewer), stream: [name] };
    case "direct":
      return { key: keys.direct(viewer), stream: [name] };
    case "hashtag":
    case "hashtag:local": {
      const tag = typeof params.tag === "string" ? params.tag : "";
      if (normalizeTag(tag) === "") throw new StreamError(400, "No tag for stream provided");
      return { key: keys.tag(normalizeTag(tag), name === "hashtag:local"), stream: [name, tag] };
    }
    case "list": {
      const list = typeof params.list === "string" || typeof params.list === "number" ? String(params.list) : "";
      if (!/^\d{1,19}$/.test(list)) throw new StreamError(400, "No list for stream provided");
      if (!getOwnedList(ctx.db, Number(list), viewer)) {
        throw new StreamError(404, "List not found");
      }
      return { key: keys.list(list), stream: [name, list] };
    }
    default:
      return { key: name, stream: [name] };
  }
}
