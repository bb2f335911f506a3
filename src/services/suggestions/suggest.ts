/**
 * Follow suggestions (Mastodon's AccountSuggestions): staff-featured accounts, friends of
 * friends, and recently active local accounts, merged with their sources; and dismissing one.
 */
import type { AppContext } from "../../context";
import {
  insertSuggestionDismissal,
  listActiveLocalAccounts,
  listFeaturedSuggestions,
  listFriendsOfFriends,
} from "../../db/queries/suggestions";
import { transaction } from "../../db/transaction";

/** Mastodon 4's source keys (v2 `sources`). */
export type SuggestionSource = "featured" | "friends_of_friends" | "most_interactions";

/** One suggestion: an account and every source that suggested it. */
export interface Suggestion {
  accountId: number;
  sources: SuggestionSource[];
}

/** How far back "recently active" looks. */
const ACTIVE_WINDOW = 30 * 86_400_000;

/**
 * Up to `limit` suggestions for `viewerId`, featured first, then friends of friends, then
 * local accounts that posted in the last 30 days (Hearth's stand-in for Mastodon's global
 * "most interactions" source, which ranks local accounts by recent engagement).
 */
export function suggestionsFor(ctx: AppContext, viewerId: number, limit: number): Suggestion[] {
  const out = new Map<number, SuggestionSource[]>();
  const add = (ids: number[], source: SuggestionSource) => {
    for (const id of ids) {
      const s = out.get(id);
      if (s) s.push(source);
      else out.set(id, [source]);
    }
  };
  add(listFeaturedSuggestions(ctx.db, viewerId, limit), "featured");
  add(listFriendsOfFriends(ctx.db, viewerId, limit), "friends_of_friends");
  add(listActiveLocalAccounts(ctx.db, viewerId, ctx.now() - ACTIVE_WINDOW, limit), "most_interactions");
  return [...out].slice(0, limit).map(([accountId, sources]) => ({ accountId, sources }));
}

/** `viewerId` dismisses `targetId`: it is never suggested to them again (stored). */
export function dismissSuggestion(ctx: AppContext, viewerId: number, targetId: number): void {
  transaction(ctx.db, () => insertSuggestionDismissal(ctx.db, viewerId, targetId, ctx.now()));
}
