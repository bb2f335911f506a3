/** Shared pieces of the accounts routes: relationship answers and Link-paginated account lists. */
import type { AppContext } from "../../../context";
import { loadRelationship, loadRelationships } from "../../../db/queries/relationships";
import { loadAccountViews } from "../../../db/views/accounts";
import { linkHeader, pageSql, readPage } from "../../../http/pagination";
import type { Req } from "../../../http/route";
import { toMastodonRelationship } from "../../../serializers/mastodon/relationship";

/** The Relationship entity of `viewerId` towards `targetId`. */
export function relationshipJson(ctx: AppContext, viewerId: number, targetId: number): Record<string, unknown> {
  return toMastodonRelationship(loadRelationship(ctx, viewerId, targetId));
}

/** Relationship entities for several targets, in the given order. */
export function relationshipsJson(ctx: AppContext, viewerId: number, targetIds: number[]): Record<string, unknown>[] {
  const m = loadRelationships(ctx, viewerId, targetIds);
  return targetIds.map((id) => toMastodonRelationship(m.get(id)!));
}

/**
 * One page of accounts from a join table, newest first, with the Link header keyed by the
 * join row id (`pidCol`). `sql` selects `pid` and `aid` and contains `$PAGE` (extra WHERE)
 * and `$ORDER`; `args` bind its own placeholders. `decorate` may add fields per row.
 */
export function accountPage(
  r: Req,
  sql: string,
  pidCol: string,
  args: (number | string | null)[],
  decorate?: (view: Record<string, unknown>, row: { pid: number; aid: number } & Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown>[] {
  const page = readPage(r.input, 40, 80);
  const p = pageSql(page, pidCol);
  const full = sql.replace("$PAGE", p.where).replace("$ORDER", p.order) + " LIMIT ?";
  const rows = p.finish(r.ctx.db.query(full).all(...args, ...p.args, page.limit) as ({ pid: number; aid: number } & Record<string, unknown>)[]);
  const views = loadAccountViews(r.ctx, rows.map((x) => x.aid));
  const out: Record<string, unknown>[] = [];
  for (const row of rows) {
    const v = views.get(row.aid);
    if (v) out.push(decorate ? decorate(v, row) : v);
  }
  const link = linkHeader(r.url, r.ctx.uris.base, rows[0]?.pid, rows[rows.length - 1]?.pid);
  if (link) r.set.headers.Link = link;
  return out;
}
