/** Local account → Person/Service actor document, pure over the row and its loaded ActorData. */
import type { CustomEmojiRow } from "../mastodon/custom-emoji";
import { toApEmoji } from "./emoji";
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { escapeHtml } from "../../text/format";
import { ACTOR_CONTEXT, apTime } from "./context";

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

/** An AS2 Image for a stored file key, or undefined when there is none. */
function image(ctx: AppContext, key: string | null): Record<string, unknown> | undefined {
  if (!key) return undefined;
  const ext = key.split(".").pop()?.toLowerCase() ?? "";
  return { type: "Image", mediaType: IMAGE_TYPES[ext] ?? "image/png", url: ctx.storage.url(key) };
}

/** The account's profile fields as PropertyValue attachments (value as HTML). */
function propertyValues(a: AccountRow): Record<string, unknown>[] {
  let fields: any[] = [];
  try {
    fields = JSON.parse(a.fields);
  } catch {
    /* none */
  }
  if (!Array.isArray(fields)) return [];
  return fields.map((f) => ({
    type: "PropertyValue",
    name: String(f?.name ?? ""),
    value: String(f?.value_html ?? (f?.value !== undefined ? escapeHtml(String(f.value)) : "")),
  }));
}

/** What the actor document needs besides the account row (loaded by db/views/activitypub.ts `loadActorData`). */
export interface ActorData {
  /** The actor URI of the account `a` moved to, if any. */
  movedToUri: string | null;
  /** Custom emoji the display name, bio and fields use (absent: none). */
  emojis?: CustomEmojiRow[];
}

/** The Person/Service actor document of a local account. */
export function toApActor(ctx: AppContext, a: AccountRow, data: ActorData): Record<string, unknown> {
  const u = ctx.uris;
  const id = a.uri || u.actor(a.username);
  const type = a.actor_type === "Application" || a.actor_type === "Group" ? a.actor_type : a.bot ? "Service" : "Person";
  let aka: string[] = [];
  try {
    aka = JSON.parse(a.also_known_as);
  } catch {
    /* none */
  }
  const doc: Record<string, unknown> = {
    "@context": ACTOR_CONTEXT,
    id,
    type,
    following: u.following(a.username),
    followers: u.followers(a.username),
    inbox: u.inbox(a.username),
    outbox: u.outbox(a.username),
    featured: u.featured(a.username),
    featuredTags: u.featuredTags(a.username),
    preferredUsername: a.username,
    name: a.display_name,
    summary: a.note,
    url: u.profile(a.username),
    manuallyApprovesFollowers: !!a.locked,
    discoverable: !!a.discoverable,
    indexable: !!a.indexable,
    published: apTime(a.created_at),
    memorial: !!a.memorial,
    publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: a.public_key_pem ?? "" },
    tag: (data.emojis ?? []).map((e) => toApEmoji(ctx, e)),
    attachment: propertyValues(a),
    endpoints: { sharedInbox: u.sharedInbox() },
  };
  const icon = image(ctx, a.avatar_path);
  if (icon) doc.icon = icon;
  const header = image(ctx, a.header_path);
  if (header) doc.image = header;
  if (Array.isArray(aka) && aka.length) doc.alsoKnownAs = aka;
  const moved = data.movedToUri;
  if (moved) doc.movedTo = moved;
  if (a.suspended_at !== null) {
    // As Mastodon: a suspended actor keeps only what others need to recognise it.
    for (const k of ["name", "summary", "icon", "image", "attachment", "alsoKnownAs", "movedTo"]) delete doc[k];
    doc.name = "";
    doc.summary = "";
    doc.suspended = true;
  }
  return doc;
}
