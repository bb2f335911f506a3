/** Actor and status documents with their access rules (shared by /users/… and /@… URLs). */
import type { AppContext } from "../../../context";
import { getLocalPersonByUsername } from "../../../db/queries/accounts";
import { getStatusOfAccount } from "../../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { canViewStatus } from "../../../db/queries/visibility";
import { parseId } from "../../../model/ids";
import { PRIVATE } from "../../../model/visibility";
import { toApActivity, toApActor, toApNote } from "../../../serializers/activitypub";
import { loadActorData, loadNoteData } from "../../../db/views/activitypub";
import { authorizeFetch } from "./fetch-auth";
import { apError, apJson } from "./respond";

/** A local, not suspended account by username (case-insensitive); the instance actor excluded. */
export function localAccountByName(ctx: AppContext, name: string): AccountRow | null {
  return getLocalPersonByUsername(ctx.db, name);
}

/** Mastodon's StatusPolicy for a signed fetch (null signer: anonymous): the one visibility rule, canViewStatus. */
export function signerMaySee(ctx: AppContext, s: StatusRow, signer: AccountRow | null): boolean {
  return canViewStatus(ctx, s, signer?.id ?? null);
}

/** The actor document of local account `name` (401/403 under authorized fetch, 404 unknown). */
export async function actorResponse(ctx: AppContext, request: Request, name: string): Promise<Response> {
  const a = localAccountByName(ctx, name);
  if (!a) return apError(ctx, 404, "Record not found");
  const auth = await authorizeFetch(ctx, request);
  if (!auth.ok) return apError(ctx, auth.status, auth.reason);
  return apJson(ctx, toApActor(ctx, a, loadActorData(ctx, a)));
}

/** The status row `idStr` of local account `name` that the request may see, or an error response. */
export async function visibleStatus(
  ctx: AppContext,
  request: Request,
  name: string,
  idStr: string,
): Promise<{ s: StatusRow; a: AccountRow } | Response> {
  const a = localAccountByName(ctx, name);
  const id = parseId(idStr);
  const s = a && id !== undefined ? getStatusOfAccount(ctx.db, id, a.id) : null;
  if (!a || !s || a.suspended_at !== null) return apError(ctx, 404, "Record not found");
  const auth = await authorizeFetch(ctx, request, s.visibility >= PRIVATE);
  if (!auth.ok) return apError(ctx, auth.status, auth.reason);
  if (!signerMaySee(ctx, s, auth.signer)) return apError(ctx, 404, "Record not found");
  return { s, a };
}

/** The Note/Question of a status (a boost answers with its Announce, as Mastodon). */
export async function statusResponse(ctx: AppContext, request: Request, name: string, idStr: string): Promise<Response> {
  const r = await visibleStatus(ctx, request, name, idStr);
  if (r instanceof Response) return r;
  const doc =
    r.s.reblog_of_id !== null
      ? toApActivity(ctx, "Announce", r.a, r.s, {}, loadNoteData(ctx, [r.s]))
      : toApNote(ctx, r.s, loadNoteData(ctx, [r.s]));
  return apJson(ctx, doc, 200, r.s.visibility >= PRIVATE ? { "Cache-Control": "private, no-store" } : {});
}

/** The Create (or Announce) activity of a status. */
export async function statusActivityResponse(ctx: AppContext, request: Request, name: string, idStr: string): Promise<Response> {
  const r = await visibleStatus(ctx, request, name, idStr);
  if (r instanceof Response) return r;
  const doc = toApActivity(ctx, r.s.reblog_of_id !== null ? "Announce" : "Create", r.a, r.s, {}, loadNoteData(ctx, [r.s]));
  return apJson(ctx, doc, 200, r.s.visibility >= PRIVATE ? { "Cache-Control": "private, no-store" } : {});
}
