/** Actor and status documents with their access rules (shared by /users/… and /@… URLs). */
import type { AppContext } from "../../../context";
import { getAccountUri, getLocalPersonByUsername } from "../../../db/queries/accounts";
import { getStatusOfAccount } from "../../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { canViewStatus } from "../../../db/queries/visibility";
import { parseId } from "../../../model/ids";
import { PRIVATE } from "../../../model/visibility";
import { toApActivity, toApNote } from "../../../serializers/activitypub";
import { loadNoteData } from "../../../db/views/activitypub";
import { getQuote } from "../../../db/queries/quotes";
import { getStatus } from "../../../db/queries/statuses";
import { toApQuoteAuthorization } from "../../../serializers/activitypub/quote";
import { getCustomEmoji } from "../../../db/queries/custom-emojis";
import { toApEmoji } from "../../../serializers/activitypub/emoji";
import { EMOJI_CONTEXT } from "../../../serializers/activitypub/context";
import { actorDocumentResponse } from "./actor-document";
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
  // Read again: the account may have changed while the signature was checked.
  const now = localAccountByName(ctx, name);
  return now ? actorDocumentResponse(ctx, request, now) : apError(ctx, 404, "Record not found");
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

/**
 * The QuoteAuthorization (FEP-044f stamp) local account `name` granted for quote `idStr`: only
 * while the quote is accepted, under the same fetch rules as the quoted post.
 */
export async function quoteAuthorizationResponse(ctx: AppContext, request: Request, name: string, idStr: string): Promise<Response> {
  const a = localAccountByName(ctx, name);
  const id = parseId(idStr);
  const q = a && id !== undefined ? getQuote(ctx.db, id) : null;
  const quoted = q?.quoted_status_id != null ? getStatus(ctx.db, q.quoted_status_id) : null;
  const quoting = q ? getStatus(ctx.db, q.status_id) : null;
  if (!a || !q || !quoted || !quoting || q.state !== "accepted" || q.quoted_account_id !== a.id)
    return apError(ctx, 404, "Record not found");
  const auth = await authorizeFetch(ctx, request, quoted.visibility >= PRIVATE);
  if (!auth.ok) return apError(ctx, auth.status, auth.reason);
  if (!signerMaySee(ctx, quoted, auth.signer)) return apError(ctx, 404, "Record not found");
  const quoter = getAccountUri(ctx.db, q.account_id) ?? "";
  const doc = toApQuoteAuthorization(ctx.uris.quoteAuthorization(a.username, q.id), {
    author: a.uri,
    target: quoted.uri,
    quoting: quoting.uri,
    quoter,
  });
  return apJson(ctx, doc);
}

/**
 * GET /emojis/:id — a local custom emoji as an ActivityPub Emoji document (the id its Emoji tags
 * carry), public and cacheable like Mastodon's; 404 for remote or unknown emoji.
 */
export function emojiResponse(ctx: AppContext, idStr: string): Response {
  const id = parseId(idStr);
  const e = id === undefined ? null : getCustomEmoji(ctx.db, id);
  if (!e || e.domain !== null) return apError(ctx, 404, "Record not found");
  return apJson(ctx, { "@context": EMOJI_CONTEXT, ...toApEmoji(ctx, e) }, 200, { "Cache-Control": "public, max-age=180" });
}
