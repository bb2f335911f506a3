/**
 * Quote posts (Mastodon 4.5): who may quote a status, and what a quote's state is called.
 * Policies are stored as 'public' | 'followers' | 'nobody'.
 */
import { DIRECT, PRIVATE } from "./visibility";

export const QUOTE_POLICIES = ["public", "followers", "nobody"] as const;
export type QuotePolicy = (typeof QUOTE_POLICIES)[number];

/** How a status's policy applies to one account (QuoteApproval.current_user). */
export type QuoteDecision = "automatic" | "manual" | "denied" | "unknown";

/** A valid policy name, else undefined. */
export function quotePolicyOf(v: string | undefined | null): QuotePolicy | undefined {
  return (QUOTE_POLICIES as readonly string[]).includes(v ?? "") ? (v as QuotePolicy) : undefined;
}

/** The policy a status of `visibility` gets: private and direct posts are never quotable by others. */
export function effectiveQuotePolicy(visibility: number, wanted: QuotePolicy): QuotePolicy {
  return visibility >= PRIVATE ? "nobody" : wanted;
}

/**
 * Mastodon's Status#quote_policy_for_account: nobody quotes a direct post or without an account;
 * the author always may; then the automatic policy (followers: only when `following` the
 * author), then the manual one (a remote author's `manualApproval`: the quote waits for them);
 * a block either way denies.
 */
export function quoteDecision(
  s: { visibility: number; quote_policy: string; quote_manual?: string; account_id: number },
  viewerId: number | null,
  r: { following: boolean; blocked: boolean },
): QuoteDecision {
  if (viewerId === null || s.visibility === DIRECT) return "denied";
  if (s.account_id === viewerId) return "automatic";
  if (r.blocked) return "denied";
  if (s.quote_policy === "public") return "automatic";
  if (s.quote_policy === "followers" && r.following) return "automatic";
  if (s.quote_manual === "public") return "manual";
  if (s.quote_manual === "followers" && r.following) return "manual";
  return "denied";
}

/** QuoteApproval's `automatic` list for a stored policy. */
export function automaticApproval(policy: string): string[] {
  return policy === "public" || policy === "followers" ? [policy] : [];
}
