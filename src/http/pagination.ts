/** Mastodon's id-based pagination: max_id / since_id / min_id / limit and the Link header. */
import type { Params } from "./params";
import { parseId } from "../model/ids";

export interface Page {
  maxId?: number;
  sinceId?: number;
  minId?: number;
  limit: number;
}

/** Reads pagination params; invalid ids are ignored the way Mastodon ignores them. */
export function readPage(input: Params, dflt = 20, max = 40): Page {
  const raw = Number(typeof input.limit === "string" || typeof input.limit === "number" ? input.limit : dflt);
  const limit = Number.isFinite(raw) && raw > 0 ? Math.min(Math.floor(raw), max) : dflt;
  return { maxId: parseId(input.max_id), sinceId: parseId(input.since_id), minId: parseId(input.min_id), limit };
}

/**
 * SQL fragments for paging on `column`: a WHERE part (starting with " AND"), the ORDER BY
 * direction, and its bind values. With min_id the query walks upward; call `finish` to
 * restore newest-first order.
 */
export function pageSql(page: Page, column: string): { where: string; order: string; args: number[]; finish: <T>(rows: T[]) => T[] } {
  const parts: string[] = [];
  const args: number[] = [];
  if (page.maxId !== undefined) { parts.push(`${column} < ?`); args.push(page.maxId); }
  if (page.sinceId !== undefined) { parts.push(`${column} > ?`); args.push(page.sinceId); }
  if (page.minId !== undefined) { parts.push(`${column} > ?`); args.push(page.minId); }
  const asc = page.minId !== undefined;
  return {
    where: parts.length ? " AND " + parts.join(" AND ") : "",
    order: `${column} ${asc ? "ASC" : "DESC"}`,
    args,
    finish: <T,>(rows: T[]) => (asc ? rows.reverse() : rows),
  };
}

/**
 * The Link header for a page of results, keyed by the pagination ids of the first and last
 * items (newest first). Other query parameters are kept.
 */
export function linkHeader(url: URL, base: string, firstId: number | string | undefined, lastId: number | string | undefined): string | undefined {
  if (firstId === undefined || lastId === undefined) return undefined;
  const make = (key: string, id: number | string) => {
    const q = new URLSearchParams();
    for (const [k, v] of url.searchParams) if (!["max_id", "min_id", "since_id", "access_token"].includes(k)) q.append(k, v);
    q.set(key, String(id));
    return `${base}${url.pathname}?${q.toString()}`;
  };
  return `<${make("max_id", lastId)}>; rel="next", <${make("min_id", firstId)}>; rel="prev"`;
}
