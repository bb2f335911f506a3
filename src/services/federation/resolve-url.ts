/** Resolving what a search query names: a `user@domain` handle or an object URL (ResolveURLService). */
import type { AppContext } from "../../context";
import { getAccountByUriOrUrl } from "../../db/queries/accounts";
import { getStatusByUriOrUrl } from "../../db/queries/statuses";
import type { AccountRow, StatusRow } from "../../db/rows";
import { fetchActivityJson } from "../../activitypub/outbound/fetch";
import { ACTOR_TYPES } from "../../serializers/activitypub/from-actor";
import { idOf, isHttpUrl } from "../../serializers/activitypub/json-ld";
import { resolveAccountByHandle, resolveAccountByUri } from "./resolve-account";
import { resolveStatusByUri } from "./resolve-status";

/** True when `q` looks like `user@domain` or `@user@domain`. */
export function looksLikeHandle(q: string): boolean {
  return /^@?[a-z0-9_.-]+@[a-z0-9.-]+(:\d{1,5})?$/i.test(q.trim());
}

/** The account or status an http(s) URL stands for (local or fetched); nulls when neither. */
export async function resolveUrl(ctx: AppContext, url: string): Promise<{ account: AccountRow | null; status: StatusRow | null }> {
  const none = { account: null, status: null };
  if (!isHttpUrl(url)) return none;
  const local = getStatusByUriOrUrl(ctx.db, url);
  if (local) return { account: null, status: local };
  const acc = getAccountByUriOrUrl(ctx.db, url);
  if (acc) return { account: acc, status: null };
  if (url.startsWith(ctx.uris.base + "/")) return none;
  let doc: Record<string, any>;
  try {
    doc = await fetchActivityJson(ctx, url);
  } catch {
    return none;
  }
  const id = idOf(doc);
  if (!id) return none;
  if (ACTOR_TYPES.has(String(doc.type))) return { account: await resolveAccountByUri(ctx, id), status: null };
  return { account: null, status: await resolveStatusByUri(ctx, url) };
}

/** Resolves a search query remotely (handle or URL) before the local search runs. */
export async function resolveQuery(ctx: AppContext, q: string): Promise<{ account: AccountRow | null; status: StatusRow | null }> {
  const t: string = q.trim();
  if (/^https?:\/\//i.test(t)) return resolveUrl(ctx, t);
  if (looksLikeHandle(t)) return { account: await resolveAccountByHandle(ctx, t.replace(/^@/, "")), status: null };
  return { account: null, status: null };
}
