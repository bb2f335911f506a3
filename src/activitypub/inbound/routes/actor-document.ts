/** A local actor's document, kept (with its ETag and compressed bodies) until the account's row or a local emoji changes. */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { loadActorData } from "../../../db/views/activitypub";
import { serveDocument, type BuiltDocument } from "../../../http/cached-document";
import { AP_CONTENT_TYPE } from "../../../serializers/activitypub/context";
import { toApActor } from "../../../serializers/activitypub";
import { apHeaders } from "./respond";

/** The actor document of local account `a` as JSON (its row, the account it moved to, its emojis). */
export function actorDocument(ctx: AppContext, a: AccountRow): BuiltDocument {
  return {
    text: JSON.stringify(toApActor(ctx, a, loadActorData(ctx, a))),
    contentType: AP_CONTENT_TYPE,
    headers: apHeaders(ctx),
    accounts: a.moved_to_account_id === null ? [a.id] : [a.id, a.moved_to_account_id],
  };
}

/**
 * Answers with the actor document of `a`, a row read after the fetch was authorized (no await
 * between reading it and keeping what was built from it).
 */
export function actorDocumentResponse(ctx: AppContext, request: Request, a: AccountRow): Promise<Response> {
  return serveDocument(ctx, request, `actor:${a.id}`, () => actorDocument(ctx, a));
}
