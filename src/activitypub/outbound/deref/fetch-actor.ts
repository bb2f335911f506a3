/** Fetching remote actor documents (no database writes): by URI, following key documents, with the WebFinger round trip. */
import type { AppContext } from "../../../context";
import { ACTOR_TYPES } from "../../../serializers/activitypub/from-actor";
import { hostOf, idOf, sameOrigin, withoutFragment } from "../../../serializers/activitypub/json-ld";
import { fetchActivityJson } from "../fetch";
import { webfinger } from "./webfinger";

/** Fetches an actor document by URI; follows a key document to its owner; checks the id's origin. */
export async function fetchActor(ctx: AppContext, uri: string): Promise<Record<string, any>> {
  let doc = await fetchActivityJson(ctx, uri);
  let id = idOf(doc);
  if (!id || !sameOrigin(id, uri)) throw new Error(`actor ${uri} answered with a foreign id ${id}`);
  if (!ACTOR_TYPES.has(String(doc.type))) {
    // A key document (GoToSocial's /main-key): follow its owner on the same origin.
    const owner = idOf(doc.owner) ?? idOf(doc.publicKey?.owner);
    if (!owner || !sameOrigin(owner, uri) || owner === uri) throw new Error(`${uri} is not an actor`);
    doc = await fetchActivityJson(ctx, owner);
    id = idOf(doc);
    if (id !== owner || !ACTOR_TYPES.has(String(doc.type))) throw new Error(`${owner} is not an actor`);
  } else if (id !== uri && id !== withoutFragment(uri)) {
    // Same origin but another path: take the document from its canonical id.
    doc = await fetchActivityJson(ctx, id);
    if (idOf(doc) !== id) throw new Error(`actor ${id} does not answer with its own id`);
  }
  return doc;
}

/**
 * The WebFinger domain for a fetched actor: `preferredUsername@host` must point back at the
 * same actor id. A host without WebFinger keeps its own host; a contradicting answer throws.
 */
export async function verifiedDomain(ctx: AppContext, actor: Record<string, any>): Promise<string> {
  const id = idOf(actor)!;
  const host = hostOf(id)!;
  let wf;
  try {
    wf = await webfinger(ctx, `${actor.preferredUsername}@${host}`);
  } catch {
    return host;
  }
  if (wf.actorUri !== id) throw new Error(`webfinger for ${actor.preferredUsername}@${host} points at ${wf.actorUri}, not ${id}`);
  if (wf.domain === host) return host;
  // Split domain: the subject's domain must itself point back at the actor.
  const again = await webfinger(ctx, `${wf.username}@${wf.domain}`);
  if (again.actorUri !== id) throw new Error(`webfinger round trip for ${id} failed`);
  return wf.domain;
}
