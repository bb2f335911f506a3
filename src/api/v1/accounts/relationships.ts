/** GET /api/v1/accounts/relationships?id[]= and GET /api/v1/accounts/familiar_followers?id[]=. */
import { loadAccountRows, loadAccountViews } from "../../../db/views/accounts";
import { listFamiliarFollowerPairs } from "../../../db/queries/follows";
import { bool, strArr } from "../../../http/params";
import type { Router } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { relationshipsJson } from "./relationship-json";

function ids(input: Record<string, unknown>): number[] {
  // masto.js 8 sends familiarFollowers.fetch([a, b]) as `?0=a&1=b`: read those too.
  const positional = Object.keys(input)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => String(input[k]));
  const raw = strArr(input, "id") ?? positional;
  return [
    ...new Set(
      raw
        .slice(0, 100)
        .map(parseId)
        .filter((x): x is number => x !== undefined),
    ),
  ];
}

export default function register(r: Router): void {
  r.get("/api/v1/accounts/relationships", { scopes: ["read:follows"] }, (q) => {
    const wanted = ids(q.input);
    const withSuspended = bool(q.input, "with_suspended") ?? false;
    const rows = loadAccountRows(q.ctx, wanted);
    const found = wanted.filter((id) => rows.has(id) && (withSuspended || rows.get(id)!.suspended_at === null));
    return relationshipsJson(q.ctx, q.auth.accountId, found);
  });
  r.get("/api/v1/accounts/familiar_followers", { scopes: ["read:follows"] }, (q) => {
    const wanted = ids(q.input);
    const viewer = q.auth.accountId;
    // followers of each target that the viewer follows, in one query
    const pairs = listFamiliarFollowerPairs(q.ctx.db, viewer, wanted);
    const views = loadAccountViews(
      q.ctx,
      pairs.map((p) => p.aid),
    );
    return wanted.map((id) => ({
      id: String(id),
      accounts: pairs
        .filter((p) => p.target === id && p.aid !== viewer)
        .map((p) => views.get(p.aid))
        .filter((v) => !!v),
    }));
  });
}
