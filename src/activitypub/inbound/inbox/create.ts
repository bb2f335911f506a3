/**
 * Create (Mastodon's ActivityPub::Activity::Create): a post by the actor. The object must
 * live on the actor's origin and be attributed to the actor (a forged `attributedTo` is
 * ignored); it is stored through F2's upsertRemoteStatus only when it concerns someone here.
 */
import type { AppContext } from "../../../context";
import { hasLocalFollowers as localFollowers } from "../../../db/queries/follows";
import type { AccountRow } from "../../../db/rows";
import { resolveStatusByUri, upsertRemoteStatus } from "../../../services/federation/resolve-status";
import { receiveRemotePollVote } from "../../../services/polls/remote-vote";
import {
  asArray,
  idOf,
  isTombstoned,
  localAccountByUri,
  localStatusByUri,
  sameOrigin,
  statusByUri,
  typeOf,
  type Activity,
  type InboxContext,
} from "./util";

/** Object types shown as statuses (Mastodon converts Article/Page/Video/… to a status with a link). */
export const STATUS_TYPES = new Set(["Note", "Question", "Article", "Page", "Video", "Image", "Audio", "Event"]);
const GROUP_TYPES = new Set(["Group", "Organization"]);

/** True when the object's author (first non-Group `attributedTo`) is the actor. */
export function attributedToActor(obj: Activity, actor: AccountRow): boolean {
  const authors = asArray(obj.attributedTo)
    .filter((x) => !GROUP_TYPES.has(typeOf(x) ?? ""))
    .map(idOf);
  return authors.length > 0 && authors[0] === actor.uri;
}

/** Whether the actor has at least one local follower. */
export function hasLocalFollowers(ctx: AppContext, accountId: number): boolean {
  return localFollowers(ctx.db, accountId);
}

/**
 * Mastodon's related_to_local_activity?: delivered to a personal inbox, from an account
 * someone here follows, addressed to or mentioning a local account, or replying to a local
 * post or to someone followed here. Everything else on the shared inbox is dropped.
 */
export function relatedToLocal(ctx: AppContext, a: Activity, obj: Activity, actor: AccountRow, recipientUsername?: string): boolean {
  if (recipientUsername) return true;
  if (hasLocalFollowers(ctx, actor.id)) return true;
  const audience = [a.to, a.cc, a.bto, a.bcc, obj.to, obj.cc, obj.bto, obj.bcc].flatMap(asArray).map(idOf);
  const mentioned = asArray(obj.tag)
    .filter((t) => typeOf(t) === "Mention")
    .map((t) => (t as Activity).href);
  if ([...audience, ...mentioned].some((u) => typeof u === "string" && localAccountByUri(ctx, u))) return true;
  const parent = statusByUri(ctx, idOf(obj.inReplyTo));
  return !!parent && (parent.local === 1 || hasLocalFollowers(ctx, parent.account_id));
}

/**
 * Mastodon's poll_vote?: a Note with a `name`, replying to one of our polls, is a vote by the
 * actor, counted by receiveRemotePollVote and never stored as a status. True when it was taken as
 * a vote (counted or refused); false when it is an ordinary post (a reply with text whose `name`
 * is no option of the poll, or not about a local poll at all).
 */
function pollVote(ctx: AppContext, obj: Activity, actor: AccountRow): boolean {
  if (typeOf(obj) !== "Note" || typeof obj.name !== "string") return false;
  const status = localStatusByUri(ctx, idOf(obj.inReplyTo));
  if (!status || status.poll_id === null) return false;
  // A vote carries no author or the actor; one naming someone else is a forgery, dropped.
  if (asArray(obj.attributedTo).length > 0 && !attributedToActor(obj, actor)) return true;
  const hasContent = (typeof obj.content === "string" && obj.content.trim() !== "") || hasEntries(obj.contentMap);
  const outcome = receiveRemotePollVote(ctx, status, { voterId: actor.id, name: obj.name, uri: idOf(obj)!, hasContent });
  if (outcome === "refused") ctx.log.debug(`inbox: vote ${idOf(obj)} by ${actor.uri} in ${status.uri} refused`);
  return outcome !== "not_a_vote";
}

const hasEntries = (v: unknown) => !!v && typeof v === "object" && Object.values(v).some((x) => typeof x === "string" && x.trim() !== "");

/** Inbox handler for Create activities (see the file comment); ignores what it cannot use. */
export async function onCreate(ctx: AppContext, a: Activity, { actor, recipientUsername }: InboxContext): Promise<void> {
  const obj = a.object;
  const uri = idOf(obj);
  if (!uri || !sameOrigin(uri, actor.uri) || isTombstoned(ctx, uri) || statusByUri(ctx, uri)) return;
  if (typeof obj === "string") {
    // Only an id: fetch it from its origin (the actor's), whose copy is authoritative.
    const s = await resolveStatusByUri(ctx, uri);
    if (s && s.account_id !== actor.id) ctx.log.warn(`inbox: Create by ${actor.uri} referenced ${uri} by another author`);
    return;
  }
  if (!STATUS_TYPES.has(typeOf(obj) ?? "")) return;
  if (pollVote(ctx, obj, actor)) return;
  if (!attributedToActor(obj, actor)) return;
  if (!relatedToLocal(ctx, a, obj, actor, recipientUsername)) return;
  await upsertRemoteStatus(ctx, obj, actor.id);
}
