/**
 * Mastodon's id-based paging as SQL: a page (max_id / since_id / min_id / limit) turned into
 * WHERE bounds and an ORDER BY on one column. Reading the page from a request is in http/pagination.ts.
 */

/** A page of a list keyed by ids: bounds (all optional) and a size. */
export interface Page {
  maxId?: number;
  sinceId?: number;
  minId?: number;
  limit: number;
}

/**
 * SQL fragments for paging on `column`: a WHERE part (starting with " AND"), the ORDER BY
 * direction, and its bind values. With min_id the query walks upward; call `finish` to
 * restore newest-first order.
 */
export function pageSql(page: Page, column: string): { where: string; order: string; args: number[]; finish: <T>(rows: T[]) => T[] } {
  const parts: string[] = [];
  const args: number[] = [];
  if (page.maxId !== undefined) {
    parts.push(`${column} < ?`);
    args.push(page.maxId);
  }
  if (page.sinceId !== undefined) {
    parts.push(`${column} > ?`);
    args.push(page.sinceId);
  }
  if (page.minId !== undefined) {
    parts.push(`${column} > ?`);
    args.push(page.minId);
  }
  const asc = page.minId !== undefined;
  return {
    where: parts.length ? " AND " + parts.join(" AND ") : "",
    order: `${column} ${asc ? "ASC" : "DESC"}`,
    args,
    finish: <T>(rows: T[]) => (asc ? rows.reverse() : rows),
  };
}
