/**
 * Account migration (Mastodon's MoveService and account aliases): a local account moves to
 * another account that lists it in alsoKnownAs, or lists another account as an alias so that
 * account can move here. Used by `hearth admin accounts move|alias`.
 */
import type { AppContext } from "../../context";
import { markAccountMoved, setAccountAliases } from "../../db/queries/accounts";
import { listLocalFollowers } from "../../db/queries/follows";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { resolveAccountByHandle, resolveAccountByUri } from "./resolve-account";
import { blockedEitherWay } from "../../db/queries/visibility";
import { followAccount } from "../follows/follow";
import { unfollowAccount } from "../follows/unfollow";
import { publishMove, publishProfileUpdate } from "./accounts";
import { accountRow } from "./send";

/** A refusal with a message fit for the operator. */
export class MoveError extends Error {}

function aliases(a: AccountRow): string[] {
  try {
    const v = JSON.parse(a.also_known_as);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Resolves `user@domain` (WebFinger for remote accounts), refetching a known remote actor so its alsoKnownAs is fresh. */
async function resolveTarget(ctx: AppContext, handle: string): Promise<AccountRow> {
  const h = handle.trim().replace(/^@/, "");
  if (!/^[^@\s]+@[^@\s]+$/.test(h)) throw new MoveError(`"${handle}" is not a user@domain handle`);
  let target = await resolveAccountByHandle(ctx, h).catch(() => null);
  if (target && target.domain !== null)
    target = (await resolveAccountByUri(ctx, target.uri, { refresh: true }).catch(() => null)) ?? target;
  if (!target) throw new MoveError(`could not resolve ${h}`);
  return target;
}

/**
 * Moves local account `accountId` to the account `handle` names: the target must list us in
 * its alsoKnownAs. Sets moved_to_account_id and enqueues Update(Person) and Move to followers
 * in one transaction; then local followers follow the target instead (as Mastodon's MoveWorker).
 */
export async function moveAccount(
  ctx: AppContext,
  accountId: number,
  handle: string,
): Promise<{ target: AccountRow; movedFollowers: number }> {
  const target = await resolveTarget(ctx, handle);
  const me = accountRow(ctx, accountId);
  if (target.id === me.id) throw new MoveError("an account cannot move to itself");
  if (target.moved_to_account_id !== null) throw new MoveError(`${handle} has itself moved to another account`);
  if (target.suspended_at !== null) throw new MoveError(`${handle} is suspended`);
  if (!aliases(target).includes(me.uri)) throw new MoveError(`${handle} must list ${me.uri} in its aliases (alsoKnownAs) first`);
  transaction(ctx.db, () => {
    markAccountMoved(ctx.db, accountId, target.id, ctx.now());
    publishProfileUpdate(ctx, accountId);
    publishMove(ctx, accountId, target, ctx.ids.next());
  });
  const locals = listLocalFollowers(ctx.db, accountId);
  let moved = 0;
  for (const f of locals) {
    if (f.id === target.id || blockedEitherWay(ctx, f.id, target.id)) continue;
    try {
      followAccount(ctx, f.id, target, {});
      unfollowAccount(ctx, f.id, me);
      moved++;
    } catch (e) {
      ctx.log.warn(`move: could not move follower ${f.id}: ${e}`);
    }
  }
  return { target, movedFollowers: moved };
}

/** Adds (or with `remove`, drops) the account `handle` names to local account `accountId`'s alsoKnownAs; enqueues Update(Person). */
export async function setAlias(
  ctx: AppContext,
  accountId: number,
  handle: string,
  remove = false,
): Promise<{ target: AccountRow; aliases: string[] }> {
  const target = await resolveTarget(ctx, handle);
  if (target.id === accountId) throw new MoveError("an account cannot be its own alias");
  const list = transaction(ctx.db, () => {
    const current = aliases(accountRow(ctx, accountId));
    const next = remove ? current.filter((u) => u !== target.uri) : current.includes(target.uri) ? current : [...current, target.uri];
    if (next.length === current.length && next.every((u, i) => u === current[i])) return current;
    setAccountAliases(ctx.db, accountId, JSON.stringify(next), ctx.now());
    publishProfileUpdate(ctx, accountId);
    return next;
  });
  return { target, aliases: list };
}
