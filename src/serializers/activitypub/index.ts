/**
 * Local data → ActivityStreams documents (owner: documents helper). All pure over loaded
 * rows; ids and URLs come from model/uris.ts.
 */
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow } from "../../db/rows";

/** The Person/Service actor document of a local account. */
export function toApActor(ctx: AppContext, a: AccountRow): Record<string, unknown> {
  void ctx; void a;
  throw new Error("toApActor: not implemented");
}

/** The Note (or Question) object of a local status, with to/cc, tags, attachments, inReplyTo. */
export function toApNote(ctx: AppContext, s: StatusRow): Record<string, unknown> {
  void ctx; void s;
  throw new Error("toApNote: not implemented");
}

/** Wraps an object in an activity (Create, Update, Delete, Announce, Like, Follow, Undo, Accept, Reject, Block, Flag, Move, Add, Remove). */
export function toApActivity(ctx: AppContext, type: string, actor: AccountRow, object: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  void ctx; void type; void actor; void object; void extra;
  throw new Error("toApActivity: not implemented");
}
