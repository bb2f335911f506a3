/**
 * `allowed_mentions` on POST /api/v1/statuses (Mastodon's PostStatusService#safeguard_mentions!):
 * when given, a post that would mention any other account is refused with 422 and the
 * accounts it would have reached.
 */
import type { AppContext } from "../../context";
import { mentionLookup } from "../../db/queries/accounts";
import { ApiError } from "../../model/errors";
import { formatText } from "../../text/format";

/** Mastodon's message; the route adds `unexpected_accounts` (the Accounts of `accountIds`). */
export class UnexpectedMentionsError extends ApiError {
  constructor(readonly accountIds: number[]) {
    super(422, "Post would be sent to unexpected accounts");
  }
}

/** An account id as Ruby's `to_i` reads it, in canonical decimal form ("007" → "7", "x" → "0"). */
function idOf(raw: string): string {
  const m = /^\s*\+?(\d+)/.exec(raw);
  return m ? BigInt(m[1]!).toString() : "0";
}

/** Throws UnexpectedMentionsError when `mentioned` holds an account not in `allowed` (no check when `allowed` is undefined). */
export function safeguardMentions(allowed: readonly string[] | undefined, mentioned: readonly { id: number }[]): void {
  if (allowed === undefined) return;
  const ok = new Set(allowed.map(idOf));
  const unexpected = mentioned.filter((a) => !ok.has(String(a.id))).map((a) => a.id);
  if (unexpected.length) throw new UnexpectedMentionsError(unexpected);
}

/** safeguardMentions for a text not yet posted (a scheduled status): the accounts it would mention now. Reads only. */
export function safeguardTextMentions(ctx: AppContext, allowed: readonly string[] | undefined, text: string): void {
  if (allowed === undefined) return;
  safeguardMentions(allowed, formatText(ctx, text, mentionLookup(ctx.db)).mentions);
}
