/**
 * Thin guards around F1's delivery: enqueue only when at least one remote account would
 * receive the activity, so purely local interactions never create delivery jobs.
 * Call inside the service's transaction. Activities may be passed as a builder, so nothing is
 * serialized when nobody remote would receive it.
 */
import type { AppContext } from "../../context";
import { getAccount } from "../../db/queries/accounts";
import { remoteAccountIdsAmong } from "../../db/queries/accounts-remote";
import { hasRemoteFollowers as anyRemoteFollower } from "../../db/queries/follows";
import type { AccountRow } from "../../db/rows";
import { deliverToAccounts, deliverToFollowers } from "../../activitypub/outbound/delivery";

/** The account row (local or remote) by id; throws when missing (callers pass known ids). */
export function accountRow(ctx: AppContext, id: number): AccountRow {
  return getAccount(ctx.db, id)!;
}

/** The subset of `ids` that are remote accounts, deduplicated, in order. */
export function remoteIds(ctx: AppContext, ids: readonly (number | null | undefined)[]): number[] {
  const wanted = [...new Set(ids.filter((x): x is number => typeof x === "number"))];
  if (wanted.length === 0) return [];
  const remote = remoteAccountIdsAmong(ctx.db, wanted);
  return wanted.filter((id) => remote.has(id));
}

/** True when some remote account follows local account `accountId`. */
export function hasRemoteFollowers(ctx: AppContext, accountId: number): boolean {
  return anyRemoteFollower(ctx.db, accountId);
}

/** An activity, or a function building it (called only when there is a remote recipient). */
export type ActivityInput = Record<string, unknown> | (() => Record<string, unknown>);
const built = (a: ActivityInput) => (typeof a === "function" ? a() : a);

/** Delivers to the sender's followers plus `alsoTo` accounts, when any of them is remote. */
export function sendToFollowers(
  ctx: AppContext,
  senderId: number,
  activity: ActivityInput,
  alsoTo: readonly (number | null | undefined)[] = [],
): boolean {
  const extra = remoteIds(ctx, alsoTo).filter((id) => id !== senderId);
  if (!extra.length && !hasRemoteFollowers(ctx, senderId)) return false;
  deliverToFollowers(ctx, senderId, built(activity), extra.length ? { accountIds: extra } : {});
  return true;
}

/** Delivers to the remote accounts among `ids`; nothing when there are none. */
export function sendToAccounts(
  ctx: AppContext,
  senderId: number,
  activity: ActivityInput,
  ids: readonly (number | null | undefined)[],
): boolean {
  const targets = remoteIds(ctx, ids).filter((id) => id !== senderId);
  if (!targets.length) return false;
  deliverToAccounts(ctx, senderId, built(activity), targets);
  return true;
}

/** An activity without its JSON-LD context, for embedding in another activity (Undo, Accept…). */
export function embedded(activity: Record<string, unknown>): Record<string, unknown> {
  const { "@context": _ctx, ...rest } = activity;
  return rest;
}
