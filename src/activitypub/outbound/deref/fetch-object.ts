/** Fetching a remote object (a status) by URI, trusting only what its own origin serves (no database writes). */
import type { AppContext } from "../../../context";
import { idOf, isHttpUrl, sameOrigin } from "../../../serializers/activitypub/json-ld";
import { fetchActivityJson } from "../fetch";

/**
 * The object document at `uri`: a Create (or a page that embeds one) stands for its object;
 * an id on another origin is refetched from that origin. Null when the origin disowns it;
 * throws when a fetch fails.
 */
export async function fetchObject(ctx: AppContext, uri: string): Promise<Record<string, any> | null> {
  let doc = await fetchActivityJson(ctx, uri);
  // A Create (or a page that embeds one) stands for its object.
  if (doc.type === "Create" && doc.object && typeof doc.object === "object") doc = doc.object;
  const id = idOf(doc);
  if (!id || !sameOrigin(id, uri)) {
    // Another origin: trust only what that origin itself serves.
    if (!id || !isHttpUrl(id)) return null;
    doc = await fetchActivityJson(ctx, id);
    if (idOf(doc) !== id) return null;
  }
  return doc;
}
