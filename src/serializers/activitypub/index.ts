/**
 * Local data → ActivityStreams documents (owner: documents helper). All pure over loaded
 * rows (loaders in db/views/activitypub.ts); ids and URLs come from model/uris.ts. Split into
 * actor.ts, note.ts, activity.ts.
 */
export { toApActor, type ActorData } from "./actor";
export { toApNote, noteFromData, audience, type NoteData } from "./note";
export { toApActivity, toApTombstone } from "./activity";
export { ACTOR_CONTEXT, OBJECT_CONTEXT, AS_CONTEXT, AP_CONTENT_TYPE, PUBLIC_COLLECTION, apTime } from "./context";
