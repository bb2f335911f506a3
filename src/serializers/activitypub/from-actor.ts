/** Parsing a remote actor document (AS2 Person, Service, Group…) into the columns of an accounts row. */
import { sanitizeHtml, stripTags } from "../../text/sanitize";
import { asArray, idOf, isHttpUrl, sameOrigin, text, urlToHref } from "./json-ld";

/** Mastodon's pattern for remote usernames. */
export const REMOTE_USERNAME_RE = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/i;
/** AS2 actor types we accept. */
export const ACTOR_TYPES = new Set(["Person", "Service", "Application", "Group", "Organization"]);

/** Thrown when an actor document fails validation. */
export class InvalidActorError extends Error {}

/** The PEM of the actor's key owned by the actor itself; throws on a foreign owner. */
function publicKeyOf(actor: Record<string, any>, id: string): { pem: string; keyId: string | null } | null {
  const keys = asArray<any>(actor.publicKey).filter((k) => k && typeof k === "object");
  if (keys.length === 0) return null;
  const own = keys.find((k) => idOf(k.owner) === id && typeof k.publicKeyPem === "string");
  if (!own) throw new InvalidActorError(`publicKey of ${id} is owned by someone else`);
  const keyId = typeof own.id === "string" && isHttpUrl(own.id) && sameOrigin(own.id, id) ? own.id : null;
  return { pem: String(own.publicKeyPem).slice(0, 10_000), keyId };
}

function imageUrl(v: unknown): string | null {
  const first = asArray<any>(v)[0];
  if (typeof first === "string") return isHttpUrl(first) ? first : null;
  return first ? (urlToHref(first.url) ?? null) : null;
}

function fieldsOf(actor: Record<string, any>): string {
  const out = asArray<any>(actor.attachment)
    .filter((a) => a && a.type === "PropertyValue" && typeof a.name === "string")
    .slice(0, 16)
    .map((a) => {
      const html = sanitizeHtml(text(a.value, 2000));
      return { name: stripTags(a.name).slice(0, 255), value: html, value_html: html, verified_at: null };
    });
  return JSON.stringify(out);
}

/**
 * The columns an actor document maps to (without id/created_at); `rejectMedia` drops the
 * avatar and header URLs. Throws InvalidActorError (inbox off origin, bad username, foreign key owner).
 */
export function fromApActor(
  actor: Record<string, any>,
  id: string,
  domain: string,
  opts: { rejectMedia: boolean; now: () => number },
): Record<string, string | number | null> {
  const inbox = idOf(actor.inbox);
  if (!inbox || !isHttpUrl(inbox) || !sameOrigin(inbox, id)) throw new InvalidActorError(`inbox of ${id} is not on its origin`);
  const username = actor.preferredUsername;
  // Instance actors are named after their domain, which may carry a port.
  const nameOk =
    typeof username === "string" &&
    (REMOTE_USERNAME_RE.test(username) || (actor.type === "Application" && /^[a-z0-9.-]+(:\d{1,5})?$/i.test(username)));
  if (!nameOk || username.length > 255) throw new InvalidActorError(`bad preferredUsername for ${id}`);
  const shared = idOf(actor.endpoints?.sharedInbox);
  const link = (v: unknown) => {
    const u = idOf(v);
    return u && isHttpUrl(u) ? u : null;
  };
  const rejectMedia = opts.rejectMedia;
  const aka = asArray(actor.alsoKnownAs)
    .map(idOf)
    .filter((u): u is string => !!u && isHttpUrl(u))
    .slice(0, 20);
  const type = String(actor.type);
  const key = publicKeyOf(actor, id);
  return {
    username,
    domain,
    display_name: text(actor.name, 200).trim(),
    note: sanitizeHtml(text(actor.summary, 20_000)),
    fields: fieldsOf(actor),
    locked: actor.manuallyApprovesFollowers === true ? 1 : 0,
    bot: type === "Service" || type === "Application" ? 1 : 0,
    discoverable: actor.discoverable === true ? 1 : 0,
    indexable: actor.indexable === true ? 1 : 0,
    memorial: actor.memorial === true ? 1 : 0,
    avatar_remote_url: rejectMedia ? null : imageUrl(actor.icon),
    header_remote_url: rejectMedia ? null : imageUrl(actor.image),
    uri: id,
    url: urlToHref(actor.url, "text/html") ?? id,
    inbox_url: inbox,
    shared_inbox_url: shared && isHttpUrl(shared) ? shared : null,
    outbox_url: link(actor.outbox),
    followers_url: link(actor.followers),
    following_url: link(actor.following),
    featured_url: link(actor.featured),
    public_key_pem: key?.pem ?? null,
    public_key_id: key?.keyId ?? null,
    actor_type: type,
    also_known_as: JSON.stringify(aka),
    fetched_at: opts.now(),
    updated_at: opts.now(),
  };
}
