/** Loads accounts (and the accounts they moved to) for serialization in a fixed number of queries. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../rows";
import { selectIn } from "../sql";
import { toMastodonAccount } from "../../serializers/mastodon/account";

/** Account rows by id. */
export function loadAccountRows(ctx: AppContext, ids: readonly number[]): Map<number, AccountRow> {
  const rows = selectIn<AccountRow>(ctx.db, (ph) => `SELECT * FROM accounts WHERE id IN (${ph})`, ids);
  return new Map(rows.map((r) => [r.id, r]));
}

/** Serialized Mastodon Accounts by id, with `moved` filled in. */
export function loadAccountViews(ctx: AppContext, ids: readonly number[]): Map<number, Record<string, unknown>> {
  const rows = loadAccountRows(ctx, ids);
  const movedIds = [...rows.values()].map((r) => r.moved_to_account_id).filter((x): x is number => x !== null && !rows.has(x));
  const moved = movedIds.length ? loadAccountRows(ctx, movedIds) : new Map<number, AccountRow>();
  const all = new Map([...rows, ...moved]);
  const out = new Map<number, Record<string, unknown>>();
  for (const r of rows.values()) {
    const m = r.moved_to_account_id ? all.get(r.moved_to_account_id) : undefined;
    out.set(r.id, toMastodonAccount(ctx, r, m ? toMastodonAccount(ctx, m) : null));
  }
  return out;
}

/** One serialized account, or undefined. */
export function accountView(ctx: AppContext, id: number): Record<string, unknown> | undefined {
  return loadAccountViews(ctx, [id]).get(id);
}
