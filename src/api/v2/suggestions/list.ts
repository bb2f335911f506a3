/**
 * GET /api/v2/suggestions: Suggestion entities ({source, sources, account}) from
 * services/suggestions/suggest.ts; `source` is the deprecated single value Mastodon still sends.
 */
import { loadAccountViews } from "../../../db/views/accounts";
import { int } from "../../../http/params";
import type { Router } from "../../../http/route";
import { suggestionsFor, type SuggestionSource } from "../../../services/suggestions/suggest";

/** Mastodon's mapping of a source to the old `source` field. */
const LEGACY: Record<SuggestionSource, string> = {
  featured: "staff",
  most_interactions: "global",
  friends_of_friends: "past_interactions",
};

export default function register(r: Router): void {
  r.get("/api/v2/suggestions", { scopes: ["read"] }, (q) => {
    const limit = Math.min(int(q.input, "limit", { min: 1, max: 1000 }) ?? 40, 80);
    const list = suggestionsFor(q.ctx, q.auth.accountId, limit);
    const views = loadAccountViews(
      q.ctx,
      list.map((s) => s.accountId),
    );
    return list
      .filter((s) => views.has(s.accountId))
      .map((s) => ({ source: LEGACY[s.sources[0]!], sources: s.sources, account: views.get(s.accountId) }));
  });
}
