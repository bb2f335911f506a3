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

/** FEP-044f quote terms and GoToSocial's interaction policies, as Mastodon 4.5 declares them on notes. */
const QUOTE_TERMS = {
  quote: "https://w3id.org/fep/044f#quote",
  quoteUri: "http://fedibird.com/ns#quoteUri",
  _misskey_quote: "https://misskey-hub.net/ns#_misskey_quote",
  quoteAuthorization: { "@id": "https://w3id.org/fep/044f#quoteAuthorization", "@type": "@id" },
  gts: "https://gotosocial.org/ns#",
  interactionPolicy: { "@id": "gts:interactionPolicy", "@type": "@id" },
  canQuote: { "@id": "gts:canQuote", "@type": "@id" },
  automaticApproval: { "@id": "gts:automaticApproval", "@type": "@id" },
  manualApproval: { "@id": "gts:manualApproval", "@type": "@id" },
};

/** The @context of a QuoteAuthorization (the stamp a quoted author grants, FEP-044f). */
export const QUOTE_AUTHORIZATION_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  {
    QuoteAuthorization: "https://w3id.org/fep/044f#QuoteAuthorization",
    gts: "https://gotosocial.org/ns#",
    interactingObject: { "@id": "gts:interactingObject" },
    interactionTarget: { "@id": "gts:interactionTarget" },
  },
];

/** The @context of actor documents (with the security vocabulary for publicKey). */
export const ACTOR_CONTEXT = ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1", EXTENSIONS];
/** The @context of notes and activities. */
export const OBJECT_CONTEXT = ["https://www.w3.org/ns/activitystreams", { ...EXTENSIONS, ...QUOTE_TERMS }];
/** The @context of an Emoji document (GET /emojis/:id). */
export const EMOJI_CONTEXT = ["https://www.w3.org/ns/activitystreams", { toot: "http://joinmastodon.org/ns#", Emoji: "toot:Emoji" }];
/** The plain ActivityStreams context (collections). */
export const AS_CONTEXT = "https://www.w3.org/ns/activitystreams";

/** ISO 8601 without milliseconds, as Mastodon writes `published`. */
export function apTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
