/** Answering a Link-paginated list of accounts (blocks, mutes, followers, endorsements, follow requests…). */
import { loadAccountViews } from "../../../db/views/accounts";
import { readPage, setLinkHeader, type Page } from "../../../http/pagination";
import type { Params } from "../../../http/params";
import type { Req } from "../../../http/route";

/** The page an account list asks for: 40 accounts by default, at most 80. */
export function readAccountPage(input: Params): Page {
  return readPage(input, 40, 80);
}

/**
 * Account entities for one page of join rows (newest first): `aid` is the account, `pid` the
 * row's pagination id that keys the Link header. Accounts that vanished are left out;
 * `decorate` may add fields per row.
 */
export function accountPage<Row extends { pid: number; aid: number }>(
  r: Req,
  rows: Row[],
  decorate?: (view: Record<string, unknown>, row: Row) => Record<string, unknown>,
): Record<string, unknown>[] {
  const views = loadAccountViews(
    r.ctx,
    rows.map((x) => x.aid),
  );
  const out: Record<string, unknown>[] = [];
  for (const row of rows) {
    const v = views.get(row.aid);
    if (v) out.push(decorate ? decorate(v, row) : v);
  }
  setLinkHeader(r, rows[0]?.pid, rows[rows.length - 1]?.pid);
  return out;
}
