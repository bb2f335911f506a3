/**
 * Mastodon's id-based pagination on the HTTP side: reading max_id / since_id / min_id / limit
 * from a request and answering the Link header. The SQL bounds of a page are in db/paging.ts.
 */
import type { Params } from "./params";
import type { Page } from "../db/paging";
import type { Req } from "./route";
import { parseId } from "../model/ids";

export type { Page } from "../db/paging";

/** Reads pagination params; invalid ids are ignored the way Mastodon ignores them. */
export function readPage(input: Params, dflt = 20, max = 40): Page {
  const raw = Number(typeof input.limit === "string" || typeof input.limit === "number" ? input.limit : dflt);
  const limit = Number.isFinite(raw) && raw > 0 ? Math.min(Math.floor(raw), max) : dflt;
  return { maxId: parseId(input.max_id), sinceId: parseId(input.since_id), minId: parseId(input.min_id), limit };
}

/**
 * The Link header for a page of results, keyed by the pagination ids of the first and last
 * items (newest first). Other query parameters are kept. With `next: false` (a short last
 * page, as Mastodon's records_continue?) only rel="prev" is given.
 */
export function linkHeader(
  url: URL,
  base: string,
  firstId: number | string | undefined,
  lastId: number | string | undefined,
  next = true,
): string | undefined {
  if (firstId === undefined || lastId === undefined) return undefined;
  const make = (key: string, id: number | string) => {
    const q = new URLSearchParams();
    for (const [k, v] of url.searchParams) if (!["max_id", "min_id", "since_id", "access_token"].includes(k)) q.append(k, v);
    q.set(key, String(id));
    return `${base}${url.pathname}?${q.toString()}`;
  };
  const prev = `<${make("min_id", firstId)}>; rel="prev"`;
  return next ? `<${make("max_id", lastId)}>; rel="next", ${prev}` : prev;
}

/**
 * The one way routes paginate: sets the response's Link header for a page whose first and
 * last items (newest first) have the pagination ids `firstId` and `lastId`; an empty page
 * (either undefined) gets none. `next: false` leaves out rel="next".
 */
export function setLinkHeader(
  r: Pick<Req, "url" | "ctx" | "set">,
  firstId: number | string | undefined,
  lastId: number | string | undefined,
  opts: { next?: boolean } = {},
): void {
  const link = linkHeader(r.url, r.ctx.uris.base, firstId, lastId, opts.next ?? true);
  if (link) r.set.headers.Link = link;
}
