/**
 * Turns stored changes into stream events (called by the stream.* job handlers): finds the
 * subscribed connections, applies visibility, blocks and mutes per viewer, serializes each
 * distinct view once and sends. Never writes to the database.
 */
import type { AppContext } from "../context";
import type { StatusRow } from "../db/rows";
import { listAccountStates } from "../db/queries/accounts";
import { listHomeFeedAccountIds } from "../db/queries/home-feeds";
import { listListIdsHoldingStatus } from "../db/queries/list-feeds";
import { statusHasMedia } from "../db/queries/media-attachments";
import { listMentionedAccountIdsOf } from "../db/queries/mentions";
import { listStatusTagNames } from "../db/queries/statuses-tags";
import { loadAccountViews } from "../db/views/accounts";
import { filteringAccounts } from "../db/views/filters";
import { loadStatusRows, loadStatusViews } from "../db/views/statuses";
import { notificationView } from "../db/views/notifications";
import { DIRECT, PUBLIC } from "../model/visibility";
import { covers } from "../model/scopes";
import { keys } from "./channels";
import { hiddenViewers, interactedViewers } from "./filter";
import { StreamEvent, type Connection } from "./hub";
import type { StreamAuthor } from "./filter";

/**
 * Streams a new (`update`) or edited (`status.update`) status: to the `user` streams of local
 * accounts whose home feed holds it, to the `list` streams of lists whose feed holds it, to public
 * and hashtag streams when it is public and not a boost, and as a `conversation` to the `direct`
 * streams of a direct status's local participants. With `homesOf`, only to the `user` streams
 * of those accounts (a later batch of a hashtag fan-out: the first publish already did the rest).
 */
export function publishStatus(ctx: AppContext, statusId: number, event: "update" | "status.update", homesOf?: number[]): void {
  const hub = ctx.hub;
  if (hub.size === 0) return;
  const s = loadStatusRows(ctx, [statusId]).get(statusId);
  if (!s) return;
  const original = s.reblog_of_id !== null ? loadStatusRows(ctx, [s.reblog_of_id]).get(s.reblog_of_id) : undefined;
  if (s.reblog_of_id !== null && !original) return;
  const authorIds = [...new Set([s.account_id, ...(original ? [original.account_id] : [])])];
  const authors = listAccountStates(ctx.db, authorIds);
  if (authors.length !== authorIds.length || authors.some((a) => a.suspended_at !== null)) return;
  const author = authors.find((a) => a.id === s.account_id)!;
  const broadcastable = s.visibility === PUBLIC && s.reblog_of_id === null && author.silenced_at === null;
  hub.remember(s.id, broadcastable);

  const targets: string[] = [];
  const add = (key: string) => {
    if (hub.subscribers(key)) targets.push(key);
  };
  if (homesOf) {
    for (const a of homesOf) add(keys.user(a));
  } else {
    for (const a of listHomeFeedAccountIds(ctx.db, s.id)) add(keys.user(a));
    for (const l of listListIdsHoldingStatus(ctx.db, s.id)) add(keys.list(String(l)));
  }
  if (broadcastable && !homesOf) {
    // Replies to others stay off the public streams (as in Mastodon); hashtag streams get them.
    const replyToOther = s.in_reply_to_id !== null && s.in_reply_to_account_id !== s.account_id;
    const media = statusHasMedia(ctx.db, s.id);
    if (!replyToOther) {
      for (const base of ["public", s.local ? "public:local" : "public:remote"]) {
        add(base);
        if (media) add(`${base}:media`);
      }
    }
    for (const name of listStatusTagNames(ctx.db, s.id)) {
      add(keys.tag(name, false));
      if (s.local) add(keys.tag(name, true));
    }
  }
  const rows = original ? [s, original] : [s];
  const mentions = listMentionedAccountIdsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const involved = [...new Set([...authorIds, ...mentions])];
  deliverStatus(ctx, targets, rows, involved, authors, event);
  if (event === "update" && !homesOf && s.visibility === DIRECT && s.reblog_of_id === null) publishConversation(ctx, s, involved, authors);
}

/** Sends status `rows[0]` to the subscribers of `targets` (stream keys), skipping hidden viewers and sharing identical views. */
function deliverStatus(
  ctx: AppContext,
  targets: string[],
  rows: StatusRow[],
  involved: number[],
  authors: StreamAuthor[],
  event: string,
): void {
  if (targets.length === 0) return;
  const hub = ctx.hub;
  const s = rows[0]!;
  const viewerSet = new Set<number>();
  for (const key of targets) for (const c of hub.subscribers(key) ?? []) if (c.viewerId !== null) viewerSet.add(c.viewerId);
  const viewers = [...viewerSet];
  const hidden = hiddenViewers(ctx, s, viewers, involved, authors);
  // Viewer flags and filter results are the only per-viewer parts of a Status; viewers without
  // any share one view.
  const special = interactedViewers(ctx, rows, viewers);
  for (const a of authors) special.add(a.id);
  for (const a of filteringAccounts(ctx, viewers)) special.add(a);
  const cache = new Map<string, StreamEvent | null>();
  const eventFor = (c: Connection): StreamEvent | null => {
    const viewer = c.viewerId;
    if (hidden.has(viewer)) return null;
    const k = viewer === null ? "anonymous" : special.has(viewer) ? String(viewer) : "viewer";
    let ev = cache.get(k);
    if (ev === undefined) {
      const view = loadStatusViews(ctx, [s.id], viewer).get(s.id);
      cache.set(k, (ev = view ? new StreamEvent(event, JSON.stringify(view)) : null));
    }
    return ev;
  };
  for (const key of targets) hub.deliver(key, eventFor);
}

/**
 * Sends a direct status as a Conversation to the `direct` streams of its local participants
 * (author and mentioned accounts). The conversation id is the status's conversation id.
 */
function publishConversation(ctx: AppContext, s: StatusRow, participants: number[], authors: StreamAuthor[]): void {
  const hub = ctx.hub;
  const watching = participants.filter((p) => hub.subscribers(keys.direct(p)));
  if (watching.length === 0) return;
  const hidden = hiddenViewers(ctx, s, watching, participants, authors);
  const accounts = loadAccountViews(ctx, participants);
  for (const p of watching) {
    if (hidden.has(p)) continue;
    const last = loadStatusViews(ctx, [s.id], p).get(s.id);
    if (!last) continue;
    const others = participants
      .filter((a) => a !== p)
      .map((a) => accounts.get(a))
      .filter((a) => !!a);
    const payload = {
      id: String(s.conversation_id ?? s.id),
      unread: p !== s.account_id,
      accounts: others.length ? others : [accounts.get(p)].filter((a) => !!a),
      last_status: last,
    };
    hub.broadcast(keys.direct(p), new StreamEvent("conversation", JSON.stringify(payload)));
  }
}

/**
 * Streams `delete` (payload: the id) to `user` and `list` streams, and to public and hashtag
 * streams unless the status is known not to have been public. `wasPublic` comes from the job
 * payload; otherwise the hub's memory of recently streamed statuses decides (unknown: sent).
 */
export function publishDelete(ctx: AppContext, statusId: number, wasPublic?: boolean): void {
  const hub = ctx.hub;
  if (hub.size === 0) return;
  const pub = wasPublic ?? hub.wasPublic(statusId) ?? true;
  const ev = new StreamEvent("delete", String(statusId));
  for (const key of [...hub.keys()]) {
    if (key.startsWith("notif:") || key.startsWith("direct:")) continue;
    if (!pub && !key.startsWith("user:") && !key.startsWith("list:")) continue;
    hub.broadcast(key, ev);
  }
}

/**
 * Streams a notification to its recipient's `user` streams (tokens with read:notifications)
 * and `user:notification` streams.
 */
export function publishNotification(ctx: AppContext, notificationId: number, accountId: number): void {
  const hub = ctx.hub;
  const userKey = keys.user(accountId);
  const notifKey = keys.notifications(accountId);
  if (!hub.subscribers(userKey) && !hub.subscribers(notifKey)) return;
  const view = notificationView(ctx, notificationId, accountId);
  if (!view) return;
  const ev = new StreamEvent("notification", JSON.stringify(view));
  hub.broadcast(userKey, ev, (c) => canReadNotifications(c));
  hub.broadcast(notifKey, ev);
}

/**
 * Streams `notifications_merged` (payload "1", as Mastodon) to the account's `user` streams
 * (tokens with read:notifications) and `user:notification` streams: accepted requests were merged.
 */
export function publishNotificationsMerged(ctx: AppContext, accountId: number): void {
  const hub = ctx.hub;
  const ev = new StreamEvent("notifications_merged", "1");
  hub.broadcast(keys.user(accountId), ev, (c) => canReadNotifications(c));
  hub.broadcast(keys.notifications(accountId), ev);
}

function canReadNotifications(c: Connection): boolean {
  return covers(c.scopes, "read:notifications");
}

/** Streams `filters_changed` (no payload) to the account's `user` streams. */
export function publishFiltersChanged(ctx: AppContext, accountId: number): void {
  ctx.hub.broadcast(keys.user(accountId), new StreamEvent("filters_changed", undefined));
}
