/** Wrapping objects in activities: ids, to/cc and @context as Mastodon writes them. */
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow } from "../../db/rows";
import { apTime, OBJECT_CONTEXT, PUBLIC_COLLECTION } from "./context";
import { audience, toApNote, type NoteData } from "./note";

/** A Tombstone standing for a deleted object. */
export function toApTombstone(uri: string): Record<string, unknown> {
  return { id: uri, type: "Tombstone", atomUri: uri };
}

/** Path segment used in ids of activities about a row (Like → `#likes/<id>`). */
const ROW_KINDS: Record<string, string> = {
  Like: "likes",
  Follow: "follows",
  Block: "blocks",
  Accept: "accepts/follows",
  Reject: "rejects/follows",
  Flag: "flags",
  Move: "moves",
  Add: "adds",
  Remove: "removes",
  Update: "updates",
  Delete: "deletes",
};

function isStatusRow(o: unknown): o is StatusRow {
  return !!o && typeof o === "object" && "account_id" in o && "visibility" in o && "uri" in o && "reblog_of_id" in o;
}

function objectId(o: unknown): string | undefined {
  if (typeof o === "string") return o;
  if (o && typeof o === "object" && typeof (o as any).id === "string") return (o as any).id;
  return undefined;
}

/** to/cc of an Announce (boost row `s` of original `orig`), as Mastodon addresses it. */
function announceAudience(ctx: AppContext, actor: AccountRow, s: StatusRow, origAuthorUri: string): { to: string[]; cc: string[] } {
  const followers = actor.followers_url ?? ctx.uris.followers(actor.username);
  const a = audience(s.visibility, followers, []);
  return { to: a.to, cc: [origAuthorUri, ...a.cc] };
}

/**
 * Wraps an object in an activity (Create, Update, Delete, Announce, Like, Follow, Undo,
 * Accept, Reject, Block, Flag, Move, Add, Remove). `object` may be a JSON object, a URI or a
 * StatusRow (Create/Update serialize it as a Note, Delete as a Tombstone, Announce takes the
 * boost row; `data` from loadNoteData in db/views/activitypub.ts must then cover it).
 * `extra.rowId` makes row-based ids (`${actor}#likes/<rowId>`); other `extra` keys are copied
 * onto the activity (an explicit `id`, `to`, `cc` win).
 */
export function toApActivity(
  ctx: AppContext,
  type: string,
  actor: AccountRow,
  object: unknown,
  extra: Record<string, unknown> = {},
  data?: NoteData,
): Record<string, unknown> {
  const { rowId, ...rest } = extra as { rowId?: number | string } & Record<string, unknown>;
  let obj: unknown = object;
  let id: string | undefined;
  let to: string[] | undefined;
  let cc: string[] | undefined;
  let published: string | undefined;
  let context: unknown = OBJECT_CONTEXT;

  if (isStatusRow(object)) {
    const s = object;
    if (!data) throw new Error("toApActivity: a status needs its NoteData (loadNoteData)");
    if (type === "Announce") {
      const orig = s.reblog_of_id !== null ? data.originals.get(s.reblog_of_id) : undefined;
      const origAuthor = orig ? (data.accounts.get(orig.account_id)?.uri ?? "") : "";
      obj = orig?.uri ?? s.uri;
      id = ctx.uris.announceActivity(s.uri);
      ({ to, cc } = announceAudience(ctx, actor, s, origAuthor));
      published = apTime(s.created_at);
    } else if (type === "Delete") {
      const note = toApNote(ctx, s, data);
      obj = toApTombstone(s.uri);
      id = ctx.uris.deleteActivity(s.uri);
      to = note.to as string[];
      cc = note.cc as string[];
    } else if (type === "Undo" && s.reblog_of_id !== null) {
      const inner = toApActivity(ctx, "Announce", actor, s, {}, data);
      delete inner["@context"];
      obj = inner;
      id = ctx.uris.undoActivity(inner.id as string);
      to = inner.to as string[];
      cc = inner.cc as string[];
    } else {
      obj = toApNote(ctx, s, data);
      if (type === "Update") {
        id = ctx.uris.updateActivity(s.uri, s.edited_at ?? s.updated_at);
        published = apTime(s.edited_at ?? s.updated_at);
      }
    }
  }

  if (obj && typeof obj === "object" && !Array.isArray(obj)) {
    const o = { ...(obj as Record<string, unknown>) };
    if (o["@context"]) {
      context = o["@context"];
      delete o["@context"];
    }
    obj = o;
    if (to === undefined && Array.isArray(o.to)) to = o.to as string[];
    if (cc === undefined && Array.isArray(o.cc)) cc = o.cc as string[];
  }

  const oid = objectId(obj);
  if (!id) {
    const o = obj as Record<string, any>;
    if (type === "Create" && oid) {
      id = ctx.uris.createActivity(oid);
      published = o?.published;
    } else if (type === "Update" && oid && o?.updated && oid !== actor.uri) {
      id = ctx.uris.updateActivity(oid, Date.parse(o.updated));
      published = o.updated;
    } else if (type === "Delete" && oid) id = ctx.uris.deleteActivity(oid);
    else if (type === "Undo" && oid && typeof obj === "object") id = ctx.uris.undoActivity(oid);
    else if (rowId !== undefined) id = ctx.uris.rowActivity(actor.uri, ROW_KINDS[type] ?? `${type.toLowerCase()}s`, rowId);
    else id = ctx.uris.rowActivity(actor.uri, ROW_KINDS[type] ?? `${type.toLowerCase()}s`, ctx.ids.next());
  }
  if (type === "Update" && oid === actor.uri && to === undefined) to = [PUBLIC_COLLECTION];
  if (type === "Delete" && oid === actor.uri && to === undefined) to = [PUBLIC_COLLECTION];

  const out: Record<string, unknown> = { "@context": context, id, type, actor: actor.uri };
  if (published) out.published = published;
  if (to !== undefined) out.to = to;
  if (cc !== undefined) out.cc = cc;
  out.object = obj;
  return Object.assign(out, rest);
}
