/**
 * Loads polls with the viewer's own votes in two queries; the statuses view calls statusPolls
 * to fill `Status.poll`.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { selectIn } from "../sql";
import { pollTitles, toMastodonPoll, type PollRow } from "../../serializers/mastodon/poll";
import { toMastodonEmoji } from "../../serializers/mastodon/custom-emoji";
import { shortcodesIn } from "../../text/custom-emoji";
import { loadAccountRows } from "./accounts";
import { emojisOf, loadEmojiMap, type EmojiWant } from "./custom-emojis";

/** Poll rows by id. */
export function loadPollRows(ctx: AppContext, ids: readonly number[]): Map<number, PollRow> {
  return new Map(selectIn<PollRow>(ctx.db, (ph) => `SELECT * FROM polls WHERE id IN (${ph})`, ids).map((r) => [r.id, r]));
}

/** Choices `accountId` made in each of `pollIds` (polls without votes are absent). */
function loadOwnVotes(ctx: AppContext, pollIds: readonly number[], accountId: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const rows = selectIn<{ poll_id: number; choice: number }>(
    ctx.db,
    (ph) => `SELECT poll_id, choice FROM poll_votes WHERE account_id = ? AND poll_id IN (${ph})`,
    pollIds,
    [accountId],
  );
  for (const r of rows) {
    const l = out.get(r.poll_id);
    if (l) l.push(r.choice);
    else out.set(r.poll_id, [r.choice]);
  }
  return out;
}

/**
 * The shortcodes each poll's option titles use, looked up on its author's domain (Mastodon's
 * Poll#emojis: CustomEmoji.from_text of the options). Accounts come from the account cache; no
 * emoji query when no option has a shortcode.
 */
function pollEmojiWants(ctx: AppContext, rows: Iterable<PollRow>): Map<number, EmojiWant> {
  const codes = new Map<PollRow, string[]>();
  for (const r of rows) {
    const c = shortcodesIn(...pollTitles(r));
    if (c.length) codes.set(r, c);
  }
  const out = new Map<number, EmojiWant>();
  if (codes.size === 0) return out;
  const accounts = loadAccountRows(ctx, [...new Set([...codes.keys()].map((r) => r.account_id))]);
  for (const [r, c] of codes) out.set(r.id, { codes: c, domain: accounts.get(r.account_id)?.domain ?? null });
  return out;
}

/** Serialized Polls by id as seen by `viewerId` (null: logged out). */
function loadPollViews(ctx: AppContext, ids: readonly number[], viewerId: number | null): Map<number, Record<string, unknown>> {
  const rows = loadPollRows(ctx, ids);
  const own = viewerId === null ? null : loadOwnVotes(ctx, [...rows.keys()], viewerId);
  const wants = pollEmojiWants(ctx, rows.values());
  const emojiMap = loadEmojiMap(ctx, [...wants.values()]);
  const now = ctx.now();
  const out = new Map<number, Record<string, unknown>>();
  for (const r of rows.values()) {
    const w = wants.get(r.id);
    const emojis = w ? emojisOf(emojiMap, w).map((e) => toMastodonEmoji(ctx, e)) : [];
    out.set(r.id, toMastodonPoll(r, own ? (own.get(r.id) ?? []) : undefined, now, viewerId, emojis));
  }
  return out;
}

/** One serialized poll, or undefined. */
export function pollView(ctx: AppContext, id: number, viewerId: number | null): Record<string, unknown> | undefined {
  return loadPollViews(ctx, [id], viewerId).get(id);
}

/** The poll loader for statuses: status id → Poll entity, for statuses that carry a poll. */
export function statusPolls(ctx: AppContext, statuses: StatusRow[], viewerId: number | null): Map<number, Record<string, unknown>> {
  const withPoll = statuses.filter((s) => s.poll_id !== null);
  const out = new Map<number, Record<string, unknown>>();
  if (withPoll.length === 0) return out;
  const polls = loadPollViews(
    ctx,
    withPoll.map((s) => s.poll_id!),
    viewerId,
  );
  for (const s of withPoll) {
    const p = polls.get(s.poll_id!);
    if (p) out.set(s.id, p);
  }
  return out;
}
