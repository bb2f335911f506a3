/** JSON-LD contexts and constants shared by the ActivityPub serializers. */

/** The ActivityStreams public collection. */
export const PUBLIC_COLLECTION = "https://www.w3.org/ns/activitystreams#Public";
/** Content type of every ActivityPub document we serve. */
export const AP_CONTENT_TYPE = "application/activity+json; charset=utf-8";

/** Mastodon's extension terms (as its actors and notes declare them). */
const EXTENSIONS = {
  manuallyApprovesFollowers: "as:manuallyApprovesFollowers",
  toot: "http://joinmastodon.org/ns#",
  featured: { "@id": "toot:featured", "@type": "@id" },
  featuredTags: { "@id": "toot:featuredTags", "@type": "@id" },
  alsoKnownAs: { "@id": "as:alsoKnownAs", "@type": "@id" },
  movedTo: { "@id": "as:movedTo", "@type": "@id" },
  schema: "http://schema.org#",
  PropertyValue: "schema:PropertyValue",
  value: "schema:value",
  discoverable: "toot:discoverable",
  indexable: "toot:indexable",
  memorial: "toot:memorial",
  suspended: "toot:suspended",
  focalPoint: { "@container": "@list", "@id": "toot:focalPoint" },
  blurhash: "toot:blurhash",
  Emoji: "toot:Emoji",
  Hashtag: "as:Hashtag",
  sensitive: "as:sensitive",
  votersCount: "toot:votersCount",
};

/** The @context of actor documents (with the security vocabulary for publicKey). */
export const ACTOR_CONTEXT = ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1", EXTENSIONS];
/** The @context of notes and activities. */
export const OBJECT_CONTEXT = ["https://www.w3.org/ns/activitystreams", EXTENSIONS];
/** The plain ActivityStreams context (collections). */
export const AS_CONTEXT = "https://www.w3.org/ns/activitystreams";

/** ISO 8601 without milliseconds, as Mastodon writes `published`. */
export function apTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
