/** Loaded poll data → Mastodon Poll entity. Pure: the view supplies rows, own votes and the time. */
import { iso } from "./time";

/** A polls row as stored (migration 0007). */
export interface PollRow {
  id: number;
  status_id: number;
  account_id: number;
  options: string;
  tallies: string;
  votes_count: number;
  voters_count: number;
  multiple: number;
  hide_totals: number;
  expires_at: number | null;
  last_fetched_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Option titles of a poll row. */
export function pollTitles(p: PollRow): string[] {
  try {
    const v = JSON.parse(p.options);
    return Array.isArray(v) ? v.map((o) => String(o?.title ?? "")) : [];
  } catch {
    return [];
  }
}

/** Votes per option of a poll row (missing entries are 0). */
export function pollTallies(p: PollRow): number[] {
  let v: unknown = [];
  try {
    v = JSON.parse(p.tallies);
  } catch {
    /* keep [] */
  }
  const arr = Array.isArray(v) ? v : [];
  return pollTitles(p).map((_, i) => (typeof arr[i] === "number" ? arr[i] : 0));
}

/** True when the poll has ended at time `now`. */
export function pollExpired(p: PollRow, now: number): boolean {
  return p.expires_at !== null && p.expires_at <= now;
}

/**
 * The Mastodon Poll entity. `ownVotes` is undefined without a viewer (then `voted` and
 * `own_votes` are left out, as Mastodon does for logged-out requests). The poll's author counts
 * as having voted (Mastodon's Poll#voted?), with no own votes, so clients offer no Vote button.
 * `emojis`: the CustomEmoji entities the option titles use (Mastodon's Poll#emojis).
 */
export function toMastodonPoll(
  p: PollRow,
  ownVotes: number[] | undefined,
  now: number,
  viewerId: number | null = null,
  emojis: Record<string, unknown>[] = [],
): Record<string, unknown> {
  const expired = pollExpired(p, now);
  // Mastodon hides per-option totals until the end when hide_totals is set.
  const showTotals = expired || !p.hide_totals;
  const tallies = pollTallies(p);
  const out: Record<string, unknown> = {
    id: String(p.id),
    expires_at: p.expires_at === null ? null : iso(p.expires_at),
    expired,
    multiple: !!p.multiple,
    votes_count: p.votes_count,
    voters_count: p.multiple ? p.voters_count : null,
    options: pollTitles(p).map((title, i) => ({ title, votes_count: showTotals ? tallies[i]! : null })),
    emojis,
  };
  if (ownVotes !== undefined) {
    out.voted = viewerId === p.account_id || ownVotes.length > 0;
    out.own_votes = [...ownVotes].sort((a, b) => a - b);
  }
  return out;
}
