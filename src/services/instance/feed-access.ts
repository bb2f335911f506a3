/**
 * Who may read the public and hashtag timelines (Mastodon 4.5's local/remote live and topic
 * feed access settings): "public" anyone, "authenticated" signed-in users only (401 for
 * visitors, as Mastodon's require_user!), "disabled" nobody (Hearth answers an empty page to users).
 */
import type { AppContext } from "../../context";
import { unauthorized } from "../../model/errors";
import { readFeedAccess, type FeedAccess } from "./settings";

/** True when the timeline may be listed; throws 401 for a visitor when it is not public. */
export function feedAccessible(
  ctx: AppContext,
  viewerId: number | null,
  feed: "live" | "topic",
  o: { local?: boolean; remote?: boolean },
): boolean {
  const f = readFeedAccess(ctx);
  const [local, remote] = feed === "live" ? [f.localLive, f.remoteLive] : [f.localTopic, f.remoteTopic];
  const levels: FeedAccess[] = o.local ? [local] : o.remote ? [remote] : [local, remote];
  if (viewerId === null && levels.some((l) => l !== "public")) throw unauthorized("This method requires an authenticated user");
  return !levels.every((l) => l === "disabled");
}
